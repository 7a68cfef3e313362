import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SteplineError } from '../util/stepline-error';
import { withDeadline } from './read-deadline';

afterEach(() => {
  vi.useRealTimers();
});

const never = () => new Promise<never>(() => {});

/** The outcome of a promise: its value, or the error it rejected with. */
const outcome = <T>(promise: Promise<T>) =>
  promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error: error as SteplineError }),
  );

describe('withDeadline', () => {
  it('gives the read up at its limit with a network error, and aborts its signal', async () => {
    vi.useFakeTimers();
    let seen: AbortSignal | undefined;
    const result = outcome(
      withDeadline(
        1_000,
        'GET /x',
        undefined,
        (signal) => {
          seen = signal;
          return never();
        },
        { runId: 'r1' },
      ),
    );
    await vi.advanceTimersByTimeAsync(999);
    expect(seen?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const { error } = (await result) as { error: SteplineError };
    expect(error.code).toBe('network');
    expect(error.message).toBe('GET /x did not answer within 1000 ms; it was given up.');
    expect(error.runId).toBe('r1');
    expect(seen?.aborted).toBe(true);
    expect(seen?.reason).toBe(error);
  });

  it("passes the read's value and error through, and a read that throws at once rejects", async () => {
    expect(await withDeadline(1_000, 'x', undefined, async () => 7)).toBe(7);
    const failure = new Error('boom');
    await expect(withDeadline(1_000, 'x', undefined, () => Promise.reject(failure))).rejects.toBe(failure);
    await expect(
      withDeadline(1_000, 'x', undefined, () => {
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await withDeadline(0, 'x', undefined, async () => 8)).toBe(8);
  });

  it("aborts the read's signal with the outer signal's reason", async () => {
    const outer = new AbortController();
    let seen: AbortSignal | undefined;
    const result = outcome(
      withDeadline(1_000, 'x', outer.signal, (signal) => {
        seen = signal;
        return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
      }),
    );
    outer.abort('gone');
    expect(seen?.reason).toBe('gone');
    expect(await result).toEqual({ error: 'gone' });
  });

  it('a read within a read that gives up sooner is given up by the outer limit, its signal aborted', async () => {
    vi.useFakeTimers();
    let inner: AbortSignal | undefined;
    const result = outcome(
      withDeadline(1_000, 'Reading run r1', undefined, (signal) =>
        withDeadline(5_000, 'GET /runs/r1', signal, (bounded) => {
          inner = bounded;
          return never();
        }),
      ),
    );
    await vi.advanceTimersByTimeAsync(1_000);
    const { error } = (await result) as { error: SteplineError };
    expect(error.message).toMatch(/^Reading run r1 did not answer within 1000 ms/);
    expect(inner?.aborted).toBe(true);
    // The inner limit set no timer of its own: nothing is left to fire.
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a read within a read that gives up later keeps its own, sooner limit', async () => {
    vi.useFakeTimers();
    const result = outcome(
      withDeadline(5_000, 'Reading run r1', undefined, (signal) =>
        withDeadline(1_000, 'GET /runs/r1', signal, () => never()),
      ),
    );
    await vi.advanceTimersByTimeAsync(1_000);
    const { error } = (await result) as { error: SteplineError };
    expect(error.message).toMatch(/^GET \/runs\/r1 did not answer within 1000 ms/);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a signal kept past the read it was given for bounds nothing: a later read gets its own limit', async () => {
    vi.useFakeTimers();
    let kept: AbortSignal | undefined;
    await withDeadline(1_000, 'first', undefined, async (signal) => {
      kept = signal;
    });
    const result = outcome(withDeadline(3_000, 'later', kept, () => never()));
    await vi.advanceTimersByTimeAsync(3_000);
    const { error } = (await result) as { error: SteplineError };
    expect(error.message).toMatch(/^later did not answer within 3000 ms/);
  });
});
