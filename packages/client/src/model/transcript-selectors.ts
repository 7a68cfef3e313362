import type { AppendOnlyList } from '../util/append-only-list';
import type { AgentTranscript } from './agent-transcript';
import type { StepExecution, StepState } from './run-state';

const none: readonly AgentTranscript[] = [];

/**
 * The agent calls one execution of a step streamed (default: the latest execution, the one a timeline
 * row shows). The array is the state's own, so it keeps its identity until the transcripts change: safe
 * as a `useSyncExternalStore` snapshot.
 * @example
 * const [answer] = selectStepTranscripts(state.steps.get('write-story')!);
 * console.log(answer?.text, answer?.status);
 */
export function selectStepTranscripts(
  step: StepState | undefined,
  execution?: StepExecution,
): readonly AgentTranscript[] {
  const chosen = execution ?? step?.executions.at(-1);
  return chosen?.transcripts ?? none;
}

/**
 * The text of a step's stored output (`createStep(agent)` and most agent steps return `{text}`), for a
 * run opened after it ended: Mastra's snapshot keeps only the output, never the chunks. Undefined when
 * the output has no text.
 * @example
 * const text = selectStepTranscripts(step).length === 0 ? selectStoredOutputText(step) : undefined;
 */
export function selectStoredOutputText(step: StepState | undefined): string | undefined {
  const output = step?.output;
  if (typeof output === 'string') return output;
  if (typeof output !== 'object' || output === null) return undefined;
  const text = (output as Record<string, unknown>).text;
  return typeof text === 'string' ? text : undefined;
}

/**
 * The text a step streamed as plain tokens (`for await (const token of stream.textStream)
 * writer.write(token)`), joined; undefined when its writes are not that: status lines, objects, or
 * fewer than two writes. Tokens carry their leading space, status lines do not, which is how the two
 * are told apart.
 */
export interface WrittenText {
  /** The joined tokens, or undefined when the writes are not a token stream. */
  readonly text: string | undefined;
  /** The writes this was read from. */
  readonly writes: AppendOnlyList<unknown>;
  readonly strings: boolean;
  readonly spaced: boolean;
  readonly joined: string;
}

/**
 * Reads a step's writes as streamed text. Pass the previous result for the same step and only the writes
 * added since are read: O(added) per call, so a view can call it on every token.
 * @example
 * let written = selectWrittenText(step.writes);
 * // later, with the step updated:
 * written = selectWrittenText(step.writes, written);
 * console.log(written.text);
 */
export function selectWrittenText(writes: AppendOnlyList<unknown>, previous?: WrittenText): WrittenText {
  if (previous?.writes === writes) return previous;
  const from = continues(writes, previous) ? previous!.writes.length : 0;
  let strings = from > 0 ? previous!.strings : true;
  let spaced = from > 0 ? previous!.spaced : false;
  let joined = from > 0 ? previous!.joined : '';
  for (let index = from; strings && index < writes.length; index++) {
    const write = writes.at(index);
    if (typeof write !== 'string') {
      strings = false;
      joined = '';
      break;
    }
    if (index > 0 && /^\s/.test(write)) spaced = true;
    joined += write;
  }
  const text = strings && spaced && writes.length >= 2 ? joined : undefined;
  return { text, writes, strings, spaced, joined };
}

/** Whether `writes` is `previous.writes` grown: same last item where the old list ended. */
function continues(writes: AppendOnlyList<unknown>, previous: WrittenText | undefined): boolean {
  if (previous === undefined) return false;
  const length = previous.writes.length;
  return length > 0 && writes.length >= length && writes.at(length - 1) === previous.writes.at(length - 1);
}
