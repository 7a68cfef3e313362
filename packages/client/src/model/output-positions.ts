import { lastDot } from '../util/last-dot';
import type {
  AgentCallPlacement,
  OutputPosition,
  OutputTarget,
  RunEvent,
  StepOutputEvent,
} from './run-event';

/**
 * Gives each step-output chunk its identity: where it stands in its stream. Mastra sends no ids,
 * sequence numbers or times with step output, and a repeated token is a byte-identical record, so
 * content cannot tell a replay from a repeat; only position can. `observe` resends the run from the
 * start of a segment (`workflow-start`), so positions counted from each segment's start are the same on
 * every replay: the reducer skips a position it already has and keeps a new one, whatever its content.
 *
 * It also attributes chunks: a chunk names its step only by the last segment of the id (`draft` for
 * `alpha-flow.draft`), and nothing on the wire links an agent call to its step, so the order of the
 * stream decides. An agent call is bound, at its first chunk, to the earliest running step of that name
 * that has no agent call going; later chunks of the call follow it. When several such steps were free,
 * that is a guess: its chunks say so (`ambiguousAmong`) until a step of the group succeeds while exactly
 * one of the group's calls has finished, which settles that call (moved if the guess was wrong: the
 * step-result carries `agentCalls`). A plain `writer.write` value goes to the latest running step of
 * that name, marked `ambiguousAmong` when others of that name run too: writes never tell.
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
  /**
   * What events name it by: made when first asked for (`targetOf`), as most steps write nothing and
   * are never guessed at; then always the same object.
   */
  target: OutputTarget | undefined;
  /**
   * The position stream of its writes, made at its first write: a template per write was a new string
   * per event, hashed again by the count lookup.
   */
  writeStream: string | undefined;
  /** The agent call streaming into this step now, if any. */
  agentRunId: string | undefined;
  /** Whether an agent call was ever bound to it (a step whose call finished is free, but less likely). */
  hadAgentCall: boolean;
  /** The group of same-named steps it is not yet told apart from, if any. */
  group: AmbiguityGroup | undefined;
}

interface AgentCall {
  readonly agentRunId: string;
  /** Built once: its position stream. */
  readonly stream: string;
  target: RunningStep | undefined;
  finished: boolean;
  group: AmbiguityGroup | undefined;
}

/**
 * Same-named steps that were running with no agent call when calls started, and those calls: which call
 * is whose is a guess (by start order) until a step of the group succeeds while exactly one of the
 * calls has finished. That call was the step's: a step does not succeed before the agent it awaits.
 */
interface AmbiguityGroup {
  readonly steps: RunningStep[];
  readonly calls: AgentCall[];
  /** What chunk events carry (`ambiguousAmong`): one array for the whole group. */
  readonly among: readonly OutputTarget[];
}

export function createOutputPositions(): OutputPositions {
  let origin = false;
  // Running steps by name (the last segment of the id, all a chunk may name), each name's in start order:
  // a step's start, result or chunk looks at the steps of its own name, not every running step (a flat
  // list filtered per result made 20,000 parallel branches cost seconds per event).
  const running = new Map<string, RunningStep[]>();
  const runningNamed = (name: string | undefined): readonly RunningStep[] =>
    (name === undefined ? undefined : running.get(name)) ?? noSteps;
  /** Each agent call seen in this segment. */
  const agents = new Map<string, AgentCall>();
  const counts = new Map<string, number>();

  /**
   * The step's entry is dropped in place, and a name's emptied list stays for its next step: a `filter`
   * was a new array per step-result, and a deleted name a new one per step-start. The lists are this
   * instance's own (a group copies its steps), so nothing else sees them change. Shortened by `pop`:
   * `length = 0` drops V8's backing store, and the next push allocated a new one.
   */
  const stop = (named: RunningStep[] | undefined, stepId: string, stepCallId: string | undefined) => {
    if (named === undefined) return;
    let kept = 0;
    for (let index = 0; index < named.length; index++) {
      const step = named[index]!;
      if (
        step.stepId !== stepId ||
        (stepCallId !== undefined && step.stepCallId !== undefined && step.stepCallId !== stepCallId)
      ) {
        named[kept++] = step;
      }
    }
    while (named.length > kept) named.pop();
  };

  const bindAgent = (agentRunId: string, event: StepOutputEvent): AgentCall => {
    const call: AgentCall = {
      agentRunId,
      stream: `agent:${agentRunId}`,
      target: undefined,
      finished: false,
      group: undefined,
    };
    if (event.stepId !== undefined) {
      // Named by full id: nothing to guess.
      call.target = runningNamed(nameOf(event.stepId)).find((step) => step.stepId === event.stepId);
    } else {
      // A copy: a group keeps its own list of steps.
      const matching = [...runningNamed(event.stepName)];
      const free = matching.filter((step) => step.agentRunId === undefined);
      // A step whose agent finished may call another, but a step that has had none yet is the better
      // guess: binding by start order alone gave both calls to the first step and none to the second.
      call.target = free.find((step) => !step.hadAgentCall) ?? free[0] ?? matching[matching.length - 1];
      let group = call.target?.group;
      if (group === undefined && (free.length >= 2 || (free.length === 0 && matching.length >= 2))) {
        const steps = free.length >= 2 ? free : matching;
        group = { steps, calls: [], among: steps.map(targetOf) };
        for (const step of steps) step.group = group;
      }
      if (group !== undefined) {
        group.calls.push(call);
        call.group = group;
      }
    }
    if (call.target) {
      call.target.agentRunId = agentRunId;
      call.target.hadAgentCall = true;
    }
    agents.set(agentRunId, call);
    return call;
  };

  const placeOutput = (event: StepOutputEvent): StepOutputEvent => {
    const agentChunk = event.agentChunk;
    let target: RunningStep | undefined;
    let stream: string;
    let among: readonly OutputTarget[] | undefined;
    if (agentChunk) {
      const agentRunId = agentChunk.agentRunId;
      const call = agents.get(agentRunId) ?? bindAgent(agentRunId, event);
      target = call.target;
      if (agentChunk.type === 'agent-finish') {
        call.finished = true;
        if (target?.agentRunId === agentRunId) target.agentRunId = undefined;
      }
      stream = call.stream;
      among = call.group?.among;
    } else {
      target = pickForWrite(
        runningNamed(event.stepId === undefined ? event.stepName : nameOf(event.stepId)),
        event,
      );
      if (target !== undefined) stream = target.writeStream ??= `write:${target.stepCallId ?? target.stepId}`;
      else stream = `write:${event.stepId ?? event.stepName ?? ''}`;
      if (event.stepId === undefined) among = sameNamed(runningNamed(event.stepName));
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
      ambiguousAmong: among,
    };
  };

  return {
    place(event) {
      switch (event.type) {
        case 'run-start':
          // A segment starts (or `observe` replays one from its start): positions count from here.
          origin = true;
          running.clear();
          agents.clear();
          counts.clear();
          return event;
        case 'step-start':
        case 'step-waiting': {
          const name = nameOf(event.stepId);
          const named = running.get(name);
          // A loop, not `some`: its predicate closed over the event, an allocation per step-start.
          let known = false;
          if (named !== undefined) {
            for (let index = 0; index < named.length && !known; index++) {
              const step = named[index]!;
              known = step.stepId === event.stepId && step.stepCallId === event.stepCallId;
            }
          }
          if (!known) {
            const step: RunningStep = {
              stepId: event.stepId,
              name,
              stepCallId: event.stepCallId,
              target: undefined,
              writeStream: undefined,
              agentRunId: undefined,
              hadAgentCall: false,
              group: undefined,
            };
            if (named) named.push(step);
            else running.set(name, [step]);
          }
          return event;
        }
        case 'step-result': {
          // One lookup of the name's steps for finding the step and dropping it: a second one hashed the
          // event's fresh id text again, per result.
          const named = running.get(nameOf(event.stepId));
          let step: RunningStep | undefined;
          for (let index = 0; named !== undefined && index < named.length && step === undefined; index++) {
            const candidate = named[index]!;
            if (
              candidate.stepId === event.stepId &&
              (event.stepCallId === undefined || candidate.stepCallId === event.stepCallId)
            ) {
              step = candidate;
            }
          }
          stop(named, event.stepId, event.stepCallId);
          // Only a success says the step's agent call is over; a failed step may have cut it short.
          if (step?.group === undefined || event.status !== 'success') return event;
          const agentCalls = settle(step.group, step);
          return agentCalls.length === 0 ? event : { ...event, agentCalls };
        }
        case 'step-suspended':
          stop(running.get(nameOf(event.stepId)), event.stepId, event.stepCallId);
          return event;
        case 'step-output':
          return placeOutput(event);
        default:
          return event;
      }
    },
  };
}

/**
 * `step` of `group` succeeded: if exactly one of the group's calls has finished, it was this step's (the
 * call guessed for this step, if another, takes the finished call's old place). Once one step and one
 * call are left, they belong together. Returns what moved or became certain.
 */
function settle(group: AmbiguityGroup, step: RunningStep): AgentCallPlacement[] {
  const moves = new Map<AgentCall, { from: OutputTarget; ambiguous: boolean }>();
  const move = (call: AgentCall, to: RunningStep, ambiguous: boolean) => {
    const was = call.target;
    const known = moves.get(call);
    if (known) known.ambiguous = ambiguous;
    else moves.set(call, { from: targetOf(was ?? to), ambiguous });
    if (was?.agentRunId === call.agentRunId) was.agentRunId = undefined;
    call.target = to;
    to.hadAgentCall = true;
    if (!call.finished) to.agentRunId = call.agentRunId;
  };
  const finished = group.calls.filter((call) => call.finished);
  if (finished.length === 1) {
    const owner = finished[0]!;
    const ownerWas = owner.target;
    const displaced = group.calls.find((call) => call !== owner && call.target === step);
    if (displaced && ownerWas && ownerWas !== step) move(displaced, ownerWas, true);
    move(owner, step, false);
    leave(group, owner, step);
  }
  if (group.steps.length === 1 && group.calls.length === 1) {
    const last = group.calls[0]!;
    const lastStep = group.steps[0]!;
    move(last, lastStep, false);
    leave(group, last, lastStep);
  }
  return [...moves].map(([call, { from, ambiguous }]) => ({
    agentRunId: call.agentRunId,
    from,
    to: targetOf(call.target!),
    ambiguous,
  }));
}

/** A call and a step told apart: they leave the group. */
function leave(group: AmbiguityGroup, call: AgentCall, step: RunningStep): void {
  group.calls.splice(group.calls.indexOf(call), 1);
  call.group = undefined;
  const index = group.steps.indexOf(step);
  if (index !== -1) group.steps.splice(index, 1);
  step.group = undefined;
}

function matches(step: RunningStep, event: StepOutputEvent): boolean {
  return event.stepId !== undefined ? step.stepId === event.stepId : step.name === event.stepName;
}

const noSteps: readonly RunningStep[] = [];

/** What events name a running step by: one object per step, made when first needed. */
function targetOf(step: RunningStep): OutputTarget {
  step.target ??= { stepId: step.stepId, stepCallId: step.stepCallId };
  return step.target;
}

/** What a chunk names a step by: the last segment of its id (`draft` for `alpha-flow.draft`). */
function nameOf(stepId: string): string {
  const dot = lastDot(stepId);
  return dot === -1 ? stepId : stepId.slice(dot + 1);
}

/** The running steps of one name when there are several (a write cannot tell them apart), else undefined. */
function sameNamed(named: readonly RunningStep[]): OutputTarget[] | undefined {
  return named.length < 2 ? undefined : named.map(targetOf);
}

/** The latest running step of `named` (the steps of the chunk's name) that the chunk names. */
function pickForWrite(named: readonly RunningStep[], event: StepOutputEvent): RunningStep | undefined {
  for (let index = named.length - 1; index >= 0; index--) {
    const step = named[index]!;
    if (matches(step, event)) return step;
  }
  return undefined;
}
