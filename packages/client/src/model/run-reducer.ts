import { assertNever } from '../util/assert-never';
import { RunDraft } from './reducer/run-draft';
import { addFinish, setFact } from './reducer/run-facts';
import { applySnapshot } from './reducer/snapshot-merge';
import { applyStepFact } from './reducer/step-executions';
import { startTime, stepFact } from './reducer/step-fact';
import { applyAgentCallPlacements, applyStepOutput } from './reducer/step-output';
import { applyProgress } from './reducer/step-progress';
import { applyData } from './reducer/step-writes';
import type { RunEvent, RunSnapshot } from './run-event';
import type { RunState } from './run-state';

/**
 * The run reducer: `(state, event) => state`, pure, with structural sharing (a step nothing touched keeps
 * its object identity) and idempotent by construction.
 *
 * Mastra's `observe` replays history with no event ids, and snapshots lag behind the stream, so every
 * event is treated as a *fact* with a time and merged in: a step's status is the status of its latest
 * fact (by the server's own timestamps, then by how far along the fact is), fields are joined (first
 * input wins, the latest suspend payload wins), and lists are deduplicated. Applying a fact twice, or an
 * old one late, finds nothing newer to say and returns the very same state object.
 *
 * @example
 * let state = createRunState();
 * for (const event of events) state = runReducer(state, event);
 */
export function runReducer(state: RunState, event: RunEvent): RunState {
  return reduceRunEvents(state, [event]);
}

/**
 * Applies many events at once. Equivalent to folding `runReducer`, but containers are copied once per
 * call instead of once per event, so a network chunk of hundreds of events costs what one does.
 *
 * @example
 * store.setState(reduceRunEvents(store.getSnapshot(), eventsFromOneChunk));
 */
export function reduceRunEvents(state: RunState, events: readonly RunEvent[]): RunState {
  const draft = new RunDraft(state);
  for (const event of events) applyEvent(draft, event);
  return draft.finish();
}

/**
 * Merges a snapshot into a state without moving anything backwards: a step the stream saw finish stays
 * finished when the snapshot (written late, as Mastra does for parallel branches) still says running.
 *
 * @example
 * state = mergeSnapshot(state, snapshot);
 */
export function mergeSnapshot(state: RunState, snapshot: RunSnapshot): RunState {
  return reduceRunEvents(state, [{ type: 'run-snapshot', snapshot }]);
}

/**
 * One event into the draft. The switch is exhaustive: a new member of `RunEvent` is a type error here
 * until it has a case, so no event type is dropped silently.
 */
function applyEvent(draft: RunDraft, event: RunEvent): void {
  switch (event.type) {
    case 'run-start':
      if (!draft.current.runId && event.runId) draft.set('runId', event.runId);
      if (!draft.current.workflowId && event.workflowId) draft.set('workflowId', event.workflowId);
      setFact(draft, 'started', true);
      return;
    case 'step-start':
      applyStepFact(draft, event, stepFact(event, 'running', startTime(event)));
      return;
    case 'step-waiting':
      applyStepFact(draft, event, stepFact(event, 'waiting', event.startedAt ?? -Infinity));
      return;
    case 'step-suspended': {
      const fact = stepFact(event, 'suspended', event.suspendedAt ?? startTime(event));
      fact.suspendPayload = event.suspendPayload;
      fact.suspendedChildPath = event.suspendedChildPath;
      fact.suspendedAt = event.suspendedAt;
      applyStepFact(draft, event, fact);
      return;
    }
    case 'step-result': {
      const fact = stepFact(event, event.status, event.endedAt ?? startTime(event));
      fact.output = event.output;
      fact.error = event.error;
      fact.endedAt = event.endedAt;
      applyStepFact(draft, event, fact);
      if (event.agentCalls !== undefined) applyAgentCallPlacements(draft, event.agentCalls);
      return;
    }
    case 'step-progress':
      applyProgress(draft, event);
      return;
    case 'step-output':
      applyStepOutput(draft, event);
      return;
    case 'run-data':
      applyData(draft, event);
      return;
    case 'run-canceled':
      setFact(draft, 'canceled', true);
      return;
    case 'run-paused':
      setFact(draft, 'paused', true);
      return;
    case 'run-finish':
      setFact(draft, 'started', true);
      if (event.status) addFinish(draft, event.status, event.result, event.error);
      // The legacy `finish` names no status: the steps decide (see deriveRunSummary).
      else setFact(draft, 'ended', true);
      return;
    case 'run-snapshot':
      applySnapshot(draft, event.snapshot);
      return;
    case 'unknown':
      // Whoever normalized it reported it (`onUnknownEvent`); nothing in the run changes.
      return;
    default:
      assertNever(event, 'The run reducer has no case for an event type');
  }
}
