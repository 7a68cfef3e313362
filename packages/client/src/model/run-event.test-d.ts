import { describe, expectTypeOf, it } from 'vitest';
import type { Result } from '../util/result';
import { SteplineError, type SteplineErrorCode } from '../util/stepline-error';
import { normalizeEvent } from '../wire/normalize-event';
import type { RunEvent, RunStatus, StepStatus } from './run-event';
import type { RunState, StepState } from './run-state';
import type { StepMap } from './step-map';

describe('public types', () => {
  it('narrows a run event by its type', () => {
    const event = {} as RunEvent;
    if (event.type === 'step-suspended') {
      expectTypeOf(event.stepId).toEqualTypeOf<string>();
      expectTypeOf(event.suspendPayload).toEqualTypeOf<unknown>();
    }
    if (event.type === 'run-finish') expectTypeOf(event.status).toEqualTypeOf<RunStatus | undefined>();
    if (event.type === 'step-output') expectTypeOf(event.stepId).toEqualTypeOf<string | undefined>();
  });

  it('returns a result instead of throwing from the normalizer', () => {
    expectTypeOf(normalizeEvent).returns.toEqualTypeOf<Result<RunEvent, SteplineError>>();
  });

  it('keeps the state read-only', () => {
    expectTypeOf<RunState['steps']>().toEqualTypeOf<StepMap>();
    expectTypeOf<RunState['steps']>().toMatchTypeOf<ReadonlyMap<string, StepState>>();
    expectTypeOf<RunState['steps']>().not.toHaveProperty('set');
    expectTypeOf<StepState['status']>().toEqualTypeOf<StepStatus>();
    const state = {} as RunState;
    // @ts-expect-error the state is immutable
    state.status = 'running';
  });

  it('exposes the error code as a closed union and a type guard', () => {
    expectTypeOf<SteplineError['code']>().toEqualTypeOf<SteplineErrorCode>();
    const value: unknown = null;
    if (SteplineError.isInstance(value)) expectTypeOf(value).toEqualTypeOf<SteplineError>();
  });
});
