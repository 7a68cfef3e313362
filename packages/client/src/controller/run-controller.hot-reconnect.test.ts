import { afterEach, describe, expect, it, vi } from 'vitest';
import { mastraEvents } from '../testing/mastra-events';
import { faultBench, runId, slowRunEvents, workflowId } from './fault-test-kit';

// Issue 11, item 6: an `observe` that ends cleanly after some records while the run goes on (a proxy, or
// another instance ending a history replay) was re-read and reopened at once: 576 requests/s from one tab.
const firstRecordBytes =
  new TextEncoder().encode(JSON.stringify(mastraEvents.workflowStart(runId, workflowId))).length + 1;

function endingObserveBench(stableAfterMs?: number) {
  return faultBench(
    {
      runs: [{ workflowId, runId, segments: [{ events: slowRunEvents(60), delayMs: 5_000 }] }],
      // Every observe delivers the history's first record, then ends normally.
      faults: (request) => (request.route === 'observe' ? { endAfterBytes: firstRecordBytes } : undefined),
    },
    stableAfterMs === undefined ? {} : { reconnect: { stableAfterMs } },
  );
}

describe('an observe that ends cleanly while the run goes on', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('hot reconnect loop: backs off instead of reopening at once (at most 1 request/s, fewer later)', async () => {
    vi.useFakeTimers();
    const bench = endingObserveBench();
    bench.startRun();
    void bench.controller.watch().catch(() => {});
    await vi.advanceTimersByTimeAsync(120_000);
    const { status } = bench.controller.connection.getSnapshot();
    bench.controller.detach();

    expect(bench.count(['observe'])).toBeGreaterThan(1);
    // Never more than one request a second, and after the backoff grew, one every few seconds.
    expect(bench.count(undefined, 0, 10_000)).toBeLessThanOrEqual(10);
    expect(bench.count(undefined, 60_000, 120_000)).toBeLessThanOrEqual(15);
    expect(status).not.toBe('error');
    // The reads between streams still bring the run's progress.
    expect(bench.controller.store.getSnapshot().stepIds.length).toBeGreaterThan(10);
  });

  it('resets the backoff only after a stream stayed open for a while', async () => {
    vi.useFakeTimers();
    const lateObserves = async (stableAfterMs: number | undefined) => {
      const bench = endingObserveBench(stableAfterMs);
      bench.startRun();
      void bench.controller.watch().catch(() => {});
      await vi.advanceTimersByTimeAsync(60_000);
      bench.controller.detach();
      return bench.count(['observe'], 40_000, 60_000);
    };
    // Streams that end at once do not reset the wait, though they brought events: one every 10 s.
    expect(await lateObserves(undefined)).toBeLessThanOrEqual(2);
    // The same streams counted as long enough (any length) reset it each time: back to the 2 s poll interval.
    expect(await lateObserves(0)).toBeGreaterThanOrEqual(9);
  });
});
