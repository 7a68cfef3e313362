import { describe, expect, it } from 'vitest';
import { normalizeAgentChunk } from './normalize-agent-chunk';

const chunk = (type: string, payload: unknown) => ({ type, runId: 'a1', from: 'AGENT', payload });

describe('normalizeAgentChunk', () => {
  it('reads text, reasoning and tool chunks as Mastra 1.71 sends them', () => {
    expect(normalizeAgentChunk(chunk('text-delta', { id: 'txt-0', text: ' cat' }))).toEqual({
      type: 'text-delta',
      agentRunId: 'a1',
      partId: 'txt-0',
      text: ' cat',
    });
    expect(
      normalizeAgentChunk(
        chunk('tool-call', { toolCallId: 't1', toolName: 'lookup', args: { station: 'La Rance' } }),
      ),
    ).toEqual({
      type: 'tool-call',
      agentRunId: 'a1',
      toolCallId: 't1',
      toolName: 'lookup',
      args: { station: 'La Rance' },
    });
  });

  it('takes the message of a failed tool from its cause, as Mastra nests it', () => {
    const failed = normalizeAgentChunk(
      chunk('tool-error', {
        toolCallId: 't2',
        toolName: 'lookupPrice',
        error: {
          name: 'Error',
          id: 'TOOL_EXECUTION_FAILED',
          cause: { message: 'The price service is unavailable' },
        },
      }),
    );
    expect(failed).toMatchObject({
      type: 'tool-error',
      error: { message: 'The price service is unavailable', code: 'TOOL_EXECUTION_FAILED' },
    });
  });

  it('reads only reason and usage from a finish, whatever else it repeats', () => {
    const finish = normalizeAgentChunk(
      chunk('finish', {
        stepResult: { reason: 'stop' },
        output: { text: 'x'.repeat(1000), usage: { inputTokens: 5, outputTokens: 7, totalTokens: 12 } },
        messages: { all: ['…'] },
      }),
    );
    expect(finish).toEqual({
      type: 'agent-finish',
      agentRunId: 'a1',
      finishReason: 'stop',
      usage: {
        inputTokens: 5,
        outputTokens: 7,
        totalTokens: 12,
        reasoningTokens: undefined,
        cachedInputTokens: undefined,
      },
    });
  });

  it('is undefined for plain writes and objects that are not an agent’s', () => {
    expect(normalizeAgentChunk('the')).toBeUndefined();
    expect(normalizeAgentChunk({ type: 'text-delta', runId: 'a1', payload: {} })).toBeUndefined();
    expect(normalizeAgentChunk({ message: 'warming up' })).toBeUndefined();
  });

  it('keeps an unknown agent chunk type as other, so it still takes its place in the stream', () => {
    expect(normalizeAgentChunk(chunk('source', {}))).toEqual({
      type: 'other',
      agentRunId: 'a1',
      rawType: 'source',
    });
  });
});
