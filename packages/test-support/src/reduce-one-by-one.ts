import { createRunState, type RunEvent, type RunState, reduceRunEvents } from '@stepline/client';

/**
 * One batch per event, as a live stream flushing every event delivers them (a batch of many costs
 * less per event, so tests of per-event cost reduce this way).
 */
export function reduceOneByOne(events: readonly RunEvent[], state: RunState = createRunState()): RunState {
  let current = state;
  for (const event of events) current = reduceRunEvents(current, [event]);
  return current;
}
