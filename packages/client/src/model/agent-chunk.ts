import type { SerializedError } from './run-event';

/**
 * One chunk of an agent call that a step streamed (`createStep(agent)`, `agent.stream()` piped into the
 * step's writer), in typed form. The normalizer reads it from the wire; the transcript reducer folds it.
 *
 * Naming rule as for run events: `<noun>-<what happened>`. A *model call* is one request to the language
 * model (Mastra's `step-start` … `step-finish` inside an agent); an agent call has one per tool round.
 */
export type AgentChunk =
  | AgentStartChunk
  | ModelCallStartChunk
  | AgentPartChunk
  | AgentDeltaChunk
  | ToolCallChunk
  | ToolResultChunk
  | ToolErrorChunk
  | ModelCallFinishChunk
  | AgentFinishChunk
  | AgentOtherChunk;

export type AgentChunkType = AgentChunk['type'];

interface AgentChunkBase {
  /** The agent call's own run id: every chunk of one call carries it. */
  readonly agentRunId: string;
}

export interface AgentStartChunk extends AgentChunkBase {
  readonly type: 'agent-start';
  /** The agent's id (`createStep(agent)` names the step after it). */
  readonly agentId: string | undefined;
}

export interface ModelCallStartChunk extends AgentChunkBase {
  readonly type: 'model-call-start';
}

/** A text or reasoning part opens or closes. `partId` is the provider's (`txt-0`), reused by the next model call. */
export interface AgentPartChunk extends AgentChunkBase {
  readonly type: 'text-start' | 'text-end' | 'reasoning-start' | 'reasoning-end';
  readonly partId: string | undefined;
}

export interface AgentDeltaChunk extends AgentChunkBase {
  readonly type: 'text-delta' | 'reasoning-delta';
  readonly partId: string | undefined;
  readonly text: string;
}

export interface ToolCallChunk extends AgentChunkBase {
  readonly type: 'tool-call';
  readonly toolCallId: string;
  readonly toolName: string | undefined;
  readonly args: unknown;
}

export interface ToolResultChunk extends AgentChunkBase {
  readonly type: 'tool-result';
  readonly toolCallId: string;
  readonly toolName: string | undefined;
  readonly result: unknown;
}

export interface ToolErrorChunk extends AgentChunkBase {
  readonly type: 'tool-error';
  readonly toolCallId: string;
  readonly toolName: string | undefined;
  readonly error: SerializedError;
}

/** What a finish adds; the rest of Mastra's (large) finish chunks is not kept. */
export interface ModelCallFinishChunk extends AgentChunkBase {
  readonly type: 'model-call-finish';
  readonly finishReason: string | undefined;
  readonly usage: TokenUsage | undefined;
}

export interface AgentFinishChunk extends AgentChunkBase {
  readonly type: 'agent-finish';
  readonly finishReason: string | undefined;
  readonly usage: TokenUsage | undefined;
}

/** A chunk type Stepline does not fold (sources, files, raw…): it still takes its place in the stream. */
export interface AgentOtherChunk extends AgentChunkBase {
  readonly type: 'other';
  readonly rawType: string;
}

export interface TokenUsage {
  readonly inputTokens: number | undefined;
  readonly outputTokens: number | undefined;
  readonly totalTokens: number | undefined;
  readonly reasoningTokens: number | undefined;
  readonly cachedInputTokens: number | undefined;
}
