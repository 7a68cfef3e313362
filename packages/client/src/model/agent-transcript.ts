import { PersistentList } from '../util/persistent-list';
import type { TokenUsage } from './agent-chunk';
import type { SerializedError } from './run-event';

/**
 * What one agent call streamed inside a step, assembled: the answer text per part, reasoning, tool calls
 * with their results, where each model call ended, usage and finish reason. Built chunk by chunk, each
 * in work that does not grow with the transcript (O(log n) in its parts at most); memory grows with the
 * text and the parts, not with the number of chunks.
 */
export interface AgentTranscript {
  /** The agent call's run id. */
  readonly agentRunId: string;
  readonly agentId: string | undefined;
  /** `streaming` until the agent's finish chunk. */
  readonly status: 'streaming' | 'done';
  /**
   * Text, reasoning and tool calls in the order they started. A `PersistentList`, as a step's
   * `executions`: a new part or a changed one copies a few nodes, not every part, so a long answer (a
   * provider that opens a part per token, hundreds of tool calls) costs the same per chunk at its end as
   * at its start. Read it with `parts.toArray()` (an array, built once per list), `parts.at(i)`,
   * `parts.length` or `for (const part of parts)`.
   */
  readonly parts: PersistentList<TranscriptPart>;
  /** The answer: every text part joined, in order. */
  readonly text: string;
  /** Model calls so far (one per tool round); the last one may still run. */
  readonly modelCalls: readonly ModelCall[];
  /** The agent call's total usage and finish reason, from its finish chunk. */
  readonly usage: TokenUsage | undefined;
  readonly finishReason: string | undefined;
  /**
   * How many chunks of this call's stream are folded in. A chunk is identified by its position in the
   * stream: one at a position below this is a replay (Mastra's `observe` resends history) and is skipped.
   */
  readonly chunkCount: number;
  /**
   * Set when the stream did not tell which of several same-named steps ran this call (two nested
   * workflows' `draft` steps starting together): the ids of those steps. The transcript sits on the
   * likeliest by start order and moves if a step's end shows otherwise; undefined once certain.
   */
  readonly ambiguousAmong: readonly string[] | undefined;
}

export type TranscriptPart = TranscriptTextPart | TranscriptToolCallPart;

export interface TranscriptTextPart {
  readonly type: 'text' | 'reasoning';
  /** The provider's part id (`txt-0`); ids repeat across model calls. */
  readonly partId: string | undefined;
  readonly text: string;
  /** True until the part's end chunk. */
  readonly streaming: boolean;
  /** Index into `modelCalls`. */
  readonly modelCall: number;
}

export type ToolCallState = 'called' | 'answered' | 'failed';

export interface TranscriptToolCallPart {
  readonly type: 'tool-call';
  readonly toolCallId: string;
  readonly toolName: string | undefined;
  readonly args: unknown;
  /** `called` until a result (`answered`) or an error (`failed`) arrives. */
  readonly state: ToolCallState;
  readonly result: unknown;
  readonly error: SerializedError | undefined;
  readonly modelCall: number;
}

export interface ModelCall {
  /** Undefined while the model call runs. */
  readonly finishReason: string | undefined;
  readonly usage: TokenUsage | undefined;
}

export function createTranscript(agentRunId: string): AgentTranscript {
  return {
    agentRunId,
    agentId: undefined,
    status: 'streaming',
    parts: PersistentList.empty(),
    text: '',
    modelCalls: [],
    usage: undefined,
    finishReason: undefined,
    chunkCount: 0,
    ambiguousAmong: undefined,
  };
}
