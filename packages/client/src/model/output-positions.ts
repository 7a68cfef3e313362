import type { OutputPosition, RunEvent, StepOutputEvent } from './run-event';

/**
 * Gives each step-output chunk its identity: where it stands in its stream. Mastra sends no ids,
 * sequence numbers or times with step output, and a repeated token is a byte-identical record, so
 * content cannot tell a replay from a repeat; only position can. `observe` resends the run from the
 * start of a segment (`workflow-start`), so positions counted from each segment's start are the same on
 * every replay: the reducer skips a position it already has and keeps a new one, whatever its content.
 *
 * It also attributes chunks: a chunk names its step only by the last segment of the id (`draft` for
 * `alpha-flow.draft`), so the order of the stream decides. An agent call is bound, at its first chunk,
 * to the earliest running step of that name that has no agent call going; later chunks of the call
 * follow it. A plain `writer.write` value goes to the latest running step of that name.
 *
 * One instance reads one stream in order. Until it has seen a segment start, it knows no positions
 * (`position` stays undefined and the reducer falls back to content identity for writes); a stream that
 * continues where the previous one stopped (an SSE relay after `Last-Event-ID`) keeps the instance.
 *
 * @example
 * const positions = createOutputPositions();
 * store.dispatch(events.map((event) => positions.place(event)));
 */
export interface OutputPositions {
  /** The event to apply: a step-output event with `position`, `stepId` and `stepCallId` filled in; others as given. */
  place(event: RunEvent): RunEvent;
}

interface RunningStep {
  readonly stepId: string;
  readonly name: string;
  readonly stepCallId: string | undefined;
  /** The agent call streaming into this step now, if any. */
  agentRunId: string | undefined;
}

export function createOutputPositions(): OutputPositions {
  let origin = false;
  let running: RunningStep[] = [];
  /** Each agent call seen in this segment: the step it streams into and its stream name (built once). */
  const agents = new Map<string, { readonly target: RunningStep | undefined; readonly stream: string }>();
  const counts = new Map<string, number>();

  const stop = (stepId: string, stepCallId: string | undefined) => {
    running = running.filter(
      (step) =>
        step.stepId !== stepId ||
        (stepCallId !== undefined && step.stepCallId !== undefined && step.stepCallId !== stepCallId),
    );
  };

  const placeOutput = (event: StepOutputEvent): StepOutputEvent => {
    const agentChunk = event.agentChunk;
    let target: RunningStep | undefined;
    let stream: string;
    if (agentChunk) {
      const agentRunId = agentChunk.agentRunId;
      let call = agents.get(agentRunId);
      if (call === undefined) {
        call = { target: pickForAgent(running, event), stream: `agent:${agentRunId}` };
        agents.set(agentRunId, call);
        if (call.target) call.target.agentRunId = agentRunId;
      }
      target = call.target;
      if (agentChunk.type === 'agent-finish' && target?.agentRunId === agentRunId) {
        target.agentRunId = undefined;
      }
      stream = call.stream;
    } else {
      target = pickForWrite(running, event);
      stream = `write:${target?.stepCallId ?? target?.stepId ?? event.stepId ?? event.stepName ?? ''}`;
    }
    const index = counts.get(stream) ?? 0;
    counts.set(stream, index + 1);
    const position: OutputPosition | undefined = origin ? { stream, index } : undefined;
    return {
      type: 'step-output',
      stepId: event.stepId ?? target?.stepId,
      stepName: event.stepName,
      output: event.output,
      agentChunk,
      stepCallId: event.stepCallId ?? target?.stepCallId,
      position,
    };
  };

  return {
    place(event) {
      switch (event.type) {
        case 'run-start':
          // A segment starts (or `observe` replays one from its start): positions count from here.
          origin = true;
          running = [];
          agents.clear();
          counts.clear();
          return event;
        case 'step-start':
        case 'step-waiting': {
          const known = running.some(
            (step) => step.stepId === event.stepId && step.stepCallId === event.stepCallId,
          );
          if (!known) {
            const lastDot = event.stepId.lastIndexOf('.');
            running.push({
              stepId: event.stepId,
              name: event.stepId.slice(lastDot + 1),
              stepCallId: event.stepCallId,
              agentRunId: undefined,
            });
          }
          return event;
        }
        case 'step-result':
        case 'step-suspended':
          stop(event.stepId, event.stepCallId);
          return event;
        case 'step-output':
          return placeOutput(event);
        default:
          return event;
      }
    },
  };
}

function matches(step: RunningStep, event: StepOutputEvent): boolean {
  return event.stepId !== undefined ? step.stepId === event.stepId : step.name === event.stepName;
}

/** The earliest running step of that name with no agent call going; else the latest of that name. */
function pickForAgent(running: readonly RunningStep[], event: StepOutputEvent): RunningStep | undefined {
  let latest: RunningStep | undefined;
  for (const step of running) {
    if (!matches(step, event)) continue;
    if (step.agentRunId === undefined) return step;
    latest = step;
  }
  return latest;
}

function pickForWrite(running: readonly RunningStep[], event: StepOutputEvent): RunningStep | undefined {
  for (let index = running.length - 1; index >= 0; index--) {
    const step = running[index]!;
    if (matches(step, event)) return step;
  }
  return undefined;
}
