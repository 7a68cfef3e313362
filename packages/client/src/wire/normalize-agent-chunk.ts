import type { AgentChunk, TokenUsage } from '../model/agent-chunk';
import type { SerializedError } from '../model/run-event';
import { asRecord, toOptionalString, toSerializedError } from './wire-values';

/**
 * Reads the chunk of an agent call that a step streamed (`workflow-step-output` whose `output` is
 * `{type, runId, from: 'AGENT', payload}`), or undefined when the output is not an agent's.
 *
 * Only what the transcript needs is read: Mastra's `step-finish` and `finish` chunks repeat the whole
 * text and message history (hundreds of kB for a long answer), and only their finish reason and usage
 * are taken, so the rest can be collected with the record.
 *
 * @example
 * normalizeAgentChunk({ type: 'text-delta', runId: 'a1', from: 'AGENT', payload: { id: 'txt-0', text: ' cat' } });
 * // { type: 'text-delta', agentRunId: 'a1', partId: 'txt-0', text: ' cat' }
 */
export function normalizeAgentChunk(output: unknown): AgentChunk | undefined {
  const chunk = asRecord(output);
  if (chunk === undefined || chunk.from !== 'AGENT') return undefined;
  const agentRunId = toOptionalString(chunk.runId);
  const type = chunk.type;
  if (agentRunId === undefined || typeof type !== 'string') return undefined;
  const payload = asRecord(chunk.payload) ?? {};
  switch (type) {
    case 'start':
      return { type: 'agent-start', agentRunId, agentId: toOptionalString(payload.id) };
    case 'step-start':
      return { type: 'model-call-start', agentRunId };
    case 'text-start':
    case 'text-end':
    case 'reasoning-start':
    case 'reasoning-end':
      return { type, agentRunId, partId: toOptionalString(payload.id) };
    case 'text-delta':
    case 'reasoning-delta': {
      const text = typeof payload.text === 'string' ? payload.text : payload.delta;
      return {
        type,
        agentRunId,
        partId: toOptionalString(payload.id),
        text: typeof text === 'string' ? text : '',
      };
    }
    case 'tool-call':
    case 'tool-result':
    case 'tool-error': {
      const toolCallId = toOptionalString(payload.toolCallId);
      if (toolCallId === undefined) return { type: 'other', agentRunId, rawType: type };
      const toolName = toOptionalString(payload.toolName);
      if (type === 'tool-call') {
        return { type, agentRunId, toolCallId, toolName, args: payload.args ?? payload.input };
      }
      if (type === 'tool-result') {
        return { type, agentRunId, toolCallId, toolName, result: payload.result ?? payload.output };
      }
      return { type, agentRunId, toolCallId, toolName, error: toolError(payload.error) };
    }
    case 'step-finish':
    case 'finish':
      return {
        type: type === 'finish' ? 'agent-finish' : 'model-call-finish',
        agentRunId,
        finishReason:
          toOptionalString(asRecord(payload.stepResult)?.reason) ?? toOptionalString(payload.finishReason),
        usage: toUsage(asRecord(payload.output)?.usage ?? payload.usage),
      };
    default:
      return { type: 'other', agentRunId, rawType: type };
  }
}

/** Mastra's tool errors put the message in `cause` or `details.errorMessage`, not at the top. */
function toolError(value: unknown): SerializedError {
  const error = asRecord(value);
  const message =
    toOptionalString(error?.message) ??
    toOptionalString(asRecord(error?.cause)?.message) ??
    toOptionalString(asRecord(error?.details)?.errorMessage);
  const serialized = toSerializedError(value) ?? { message: 'The tool failed' };
  const code = toOptionalString(error?.id);
  return {
    ...serialized,
    ...(message === undefined ? {} : { message }),
    ...(code === undefined || serialized.code !== undefined ? {} : { code }),
  };
}

function toUsage(value: unknown): TokenUsage | undefined {
  const usage = asRecord(value);
  if (usage === undefined) return undefined;
  return {
    inputTokens: count(usage.inputTokens),
    outputTokens: count(usage.outputTokens),
    totalTokens: count(usage.totalTokens),
    reasoningTokens: count(usage.reasoningTokens),
    cachedInputTokens: count(usage.cachedInputTokens),
  };
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}
