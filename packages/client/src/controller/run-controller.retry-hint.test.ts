import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunSnapshot } from '../model/run-event';
import type { RunTransport } from '../transport/run-transport';
import { SteplineError } from '../util/stepline-error';
import { createRunController } from './run-controller';

const runId = 'run-1';
const workflowId = 'wf';
const running: RunSnapshot = {
  runId,
  workflowId,
  status: 'running',
  input: undefined,
  result: undefined,
  error: undefined,
  steps: {},
  createdAt: undefined,
  updatedAt: undefined,
};

/** A transport whose stream drops every time, and whose server asked for `retryMs` between attempts. */
function droppingTransport(retryMs: number | undefined) {
  const opened: number[] = [];
  const transport = {
    getRun: async () => running,
    observeRun: async () => {
      opened.push(Date.now());
      throw new SteplineError('network', 'The stream dropped.');
    },
    ...(retryMs === undefined ? {} : { retryHintOf: () => retryMs }),
  } as unknown as RunTransport;
  return { transport, opened };
}

describe('reconnecting after a drop', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  async function attemptsWithin(retryMs: number | undefined, ms: number): Promise<number> {
    vi.useFakeTimers();
    const { transport, opened } = droppingTransport(retryMs);
    // The earliest jitter (random 0): the shortest wait the controller could choose.
    const controller = createRunController({ transport, workflowId, runId, random: () => 0 });
    void controller.watch().catch(() => {});
    await vi.advanceTimersByTimeAsync(ms);
    controller.detach();
    return opened.length;
  }

  it("waits at least the server's retry hint, even with jitter", async () => {
    expect(await attemptsWithin(3_000, 2_999)).toBe(1);
    expect(await attemptsWithin(3_000, 3_001)).toBe(2);
  });

  it('SSE retry: above 2^31-1 ms does not overflow setTimeout into a 1 ms reconnect loop', async () => {
    // 2^31 ms overflowed the timer: 267 requests/s. Clamped to a minute, the default ceiling of hints.
    expect(await attemptsWithin(2 ** 31, 10_000)).toBe(1);
    expect(await attemptsWithin(Number.MAX_SAFE_INTEGER, 59_000)).toBe(1);
    expect(await attemptsWithin(2 ** 31, 60_001)).toBe(2);
  });

  it('reconnects on its own schedule when the server gave no hint', async () => {
    // 250 ms first delay, 30% jitter down: 175 ms.
    expect(await attemptsWithin(undefined, 174)).toBe(1);
    expect(await attemptsWithin(undefined, 176)).toBe(2);
  });
});
