import { afterEach, describe, expect, it, vi } from 'vitest';
import { mastraEvents } from '../testing/mastra-events';
import { createMockMastraFetch } from '../testing/mock-mastra-fetch';
import { createMastraClientTransport, type MastraClientLike } from '../transport/mastra-client-transport';
import { createMastraHttpTransport } from '../transport/mastra-http-transport';
import { SteplineError } from '../util/stepline-error';
import { faultBench, runId, slowRunEvents, suspendedRunEvents, workflowId } from './fault-test-kit';

// Issue 11, item 8: a read whose answer never completes left the watch `connecting` for ever, and a
// silent `observe` left it `live` for ever while the run moved on.
afterEach(() => {
  vi.useRealTimers();
});

const firstRecordBytes =
  new TextEncoder().encode(JSON.stringify(mastraEvents.workflowStart(runId, workflowId))).length + 1;

describe('stalled reads', () => {
  it('a snapshot read that never completes does not leave the watch connecting for ever', async () => {
    vi.useFakeTimers();
    const bench = faultBench({
      runs: [{ workflowId, runId, segments: [{ events: suspendedRunEvents() }] }],
      faults: (request) =>
        request.route === 'get-run' && request.attempt === 1 ? { hang: true } : undefined,
    });
    bench.startRun();
    await vi.advanceTimersByTimeAsync(10);
    const errors: SteplineError[] = [];
    void bench.controller.watch().catch(() => {});
    await vi.advanceTimersByTimeAsync(14_000);
    expect(bench.controller.connection.getSnapshot().status).toBe('connecting');

    await vi.advanceTimersByTimeAsync(4_000);
    const connection = bench.controller.connection.getSnapshot();
    bench.controller.detach();
    errors.push(...(connection.error ? [connection.error] : []));
    // Given up after the 15 s read limit, read again, and the run shows as stored.
    expect(connection.status).toBe('polling');
    expect(bench.controller.store.getSnapshot().status).toBe('suspended');
    expect(bench.count(['get-run'])).toBeGreaterThanOrEqual(2);
  });

  it('runs-list and details reads that never complete reject after the time limit (HTTP transport)', async () => {
    vi.useFakeTimers();
    const fetch = createMockMastraFetch({
      runs: [{ workflowId, runId, segments: [{ events: suspendedRunEvents() }] }],
      faults: () => ({ hang: true }),
    });
    const transport = createMastraHttpTransport({ baseUrl: 'http://mastra.test', fetch, timeoutMs: 5_000 });
    const list = transport.listRuns(workflowId).then(
      () => 'answered',
      (error: unknown) => error,
    );
    const details = transport.getWorkflow(workflowId).then(
      () => 'answered',
      (error: unknown) => error,
    );
    await vi.advanceTimersByTimeAsync(5_001);
    for (const outcome of [await list, await details]) {
      expect(SteplineError.isInstance(outcome)).toBe(true);
      expect((outcome as SteplineError).code).toBe('network');
      expect((outcome as SteplineError).message).toMatch(/did not answer within 5000 ms/);
    }
  });

  it('reads through a MastraClient that never answers reject after the time limit too', async () => {
    vi.useFakeTimers();
    const never = () => new Promise<never>(() => {});
    const client: MastraClientLike = {
      getWorkflow: () => ({ details: never, runs: never, runById: never, createRun: never }),
    };
    const transport = createMastraClientTransport(client);
    const outcomes = [
      transport.getRun({ workflowId, runId }),
      transport.listRuns(workflowId),
      transport.getWorkflow(workflowId),
    ].map((promise) =>
      promise.then(
        () => 'answered',
        (error: unknown) => error,
      ),
    );
    await vi.advanceTimersByTimeAsync(15_001);
    for (const outcome of await Promise.all(outcomes)) {
      expect((outcome as SteplineError).code).toBe('network');
    }
  });

  it('a silent observe does not stay live for ever while the run moves on: progress shows, the stream reopens', async () => {
    vi.useFakeTimers();
    const bench = faultBench({
      runs: [{ workflowId, runId, segments: [{ events: slowRunEvents(40), delayMs: 2_000 }] }],
      // Each observe sends its first record, then nothing for ten minutes: a stuck proxy.
      faults: (request) =>
        request.route === 'observe' ? { stall: { afterBytes: firstRecordBytes, ms: 600_000 } } : undefined,
    });
    bench.startRun();
    void bench.controller.watch().catch(() => {});
    await vi.advanceTimersByTimeAsync(1_000);
    expect(bench.controller.connection.getSnapshot().status).toBe('live');
    const before = bench.controller.store.getSnapshot().stepIds.length;

    await vi.advanceTimersByTimeAsync(60_000);
    const after = bench.controller.store.getSnapshot().stepIds.length;
    bench.controller.detach();
    // A record every 2 s happened (15 steps a minute); the view follows them through the reads.
    expect(after).toBeGreaterThanOrEqual(before + 10);
    expect(bench.count(['observe'])).toBeGreaterThanOrEqual(2);
  });
});
