import { describe, expect, it } from 'vitest';
import { mastraEvents } from '../testing/mastra-events';
import { stateOf } from '../testing/test-helpers';
import { normalizeEvent } from '../wire/normalize-event';
import { selectFailedStep } from './failed-step';
import type { RunEvent } from './run-event';

const events = (...chunks: unknown[]): RunEvent[] =>
  chunks.map((chunk) => {
    const event = normalizeEvent(chunk);
    if (!event.ok) throw event.error;
    return event.value;
  });

describe('the failed step that explains the run', () => {
  // The reducer took the error of the failed step that ended last, even one without an error, while the
  // outcome panel took the last-started failed step with an error: the two could name different steps.
  it('run error and failed step agree: the last-ended failed step that carries an error', () => {
    const state = stateOf(
      events(
        mastraEvents.stepStart('fetch', { startedAt: 1, stepCallId: 'f' }),
        mastraEvents.stepStart('parse', { startedAt: 2, stepCallId: 'p' }),
        mastraEvents.stepResult('parse', { startedAt: 2, stepCallId: 'p', endedAt: 5, error: 'parse broke' }),
        mastraEvents.stepResult('fetch', { startedAt: 1, stepCallId: 'f', endedAt: 9, error: 'fetch broke' }),
        mastraEvents.stepStart('late', { startedAt: 3, stepCallId: 'l' }),
        mastraEvents.stepResult('late', { startedAt: 3, stepCallId: 'l', endedAt: 12, status: 'failed' }),
      ),
    );
    expect(state.status).toBe('failed');
    expect(selectFailedStep(state)?.id).toBe('fetch');
    expect(state.error?.message).toBe('fetch broke');
  });

  it('is undefined while nothing failed', () => {
    const state = stateOf(events(mastraEvents.stepStart('fetch', { startedAt: 1 })));
    expect(selectFailedStep(state)).toBeUndefined();
  });
});
