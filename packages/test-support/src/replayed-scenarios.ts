import type { RunEvent, RunState } from '@stepline/client';
import { loadManifest, type RecordedScenario } from './recorded-fixtures';
import { replayScenario } from './replay';

/** A recorded run replayed once: its events and the state its clean stream leads to. */
export interface ReplayedScenario {
  readonly scenario: RecordedScenario;
  readonly events: readonly RunEvent[];
  readonly clean: RunState;
}

// fast-check's `toStringMethod` (a registered symbol): a failing case prints the scenario's name instead
// of every event of the run. Spelled here so this package does not depend on fast-check.
const printedAs = Symbol.for('fast-check/toStringMethod');

/**
 * Every recorded scenario of `fixtures/recorded`, replayed once, for property tests that draw one with
 * `fc.constantFrom(...replayedScenarios())`.
 *
 * @example
 * const anyScenario = fc.constantFrom(...replayedScenarios());
 * fc.assert(fc.property(anyScenario, ({ events, clean }) => expect(reduceRunEvents(createRunState(), events)).toEqual(clean)));
 */
export function replayedScenarios(): ReplayedScenario[] {
  return loadManifest().scenarios.map((scenario) => {
    const replay = replayScenario(scenario);
    return { scenario, events: replay.events, clean: replay.state, [printedAs]: () => scenario.name };
  });
}
