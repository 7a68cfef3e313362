import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunTransport } from '../transport/run-transport';
import { SteplineError } from '../util/stepline-error';
import { faultBench, runId, slowRunEvents, workflowId } from './fault-test-kit';
import { createRunController } from './run-controller';

// Issue 11, item 11: a run whose Mastra process was killed stays `running` in storage for ever, and the
// view showed it running, elapsed climbing, polling. It must say "stalled" and offer a restart.
afterEach(() => {
  vi.useRealTimers();
});

function killedRunBench(stalledAfterMs?: number) {
  const bench = faultBench(
    { runs: [{ workflowId, runId, segments: [{ events: slowRunEvents(6), delayMs: 1_000 }] }] },
    stalledAfterMs === undefined ? {} : { stalledAfterMs },
  );
  return bench;
}

describe('a run whose server died', () => {
  it('stalled runs show as running for ever: after the server answers with nothing live and a minute without change, the run is stalled', async () => {
    vi.useFakeTimers();
    const bench = killedRunBench();
    bench.startRun();
    void bench.controller.watch().catch(() => {});
    await vi.advanceTimersByTimeAsync(4_500);
    expect(bench.controller.connection.getSnapshot().status).toBe('live');
    bench.fetch.simulateRestart();

    await vi.advanceTimersByTimeAsync(30_000);
    expect(bench.controller.connection.getSnapshot()).toMatchObject({ status: 'polling', stalled: false });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(bench.controller.connection.getSnapshot()).toMatchObject({ status: 'polling', stalled: true });
    // The stored truth is unchanged: Mastra still says running.
    expect(bench.controller.store.getSnapshot().status).toBe('running');
    bench.controller.detach();
  });

  it('restart() asks the server to go on, tries a new stream, and follows the restarted run to its end, each step once', async () => {
    vi.useFakeTimers();
    const bench = killedRunBench(5_000);
    bench.startRun();
    void bench.controller.watch().catch(() => {});
    await vi.advanceTimersByTimeAsync(4_500);
    bench.fetch.simulateRestart();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(bench.controller.connection.getSnapshot().stalled).toBe(true);
    const stepsWhenStalled = bench.controller.store.getSnapshot().stepIds.length;

    const observesBefore = bench.count(['observe']);
    const restarted = bench.controller.restart();
    expect(bench.controller.connection.getSnapshot().restarting).toBe(true);
    await restarted;
    expect(bench.controller.connection.getSnapshot()).toMatchObject({ restarting: false, stalled: false });
    await vi.advanceTimersByTimeAsync(10);
    // A new stream at once (as Mastra 1.71 does, the mock's observe has nothing for a restarted run).
    expect(bench.count(['observe'])).toBe(observesBefore + 1);

    // Followed at the poll interval, not the slowed one: the steps show as they are stored.
    await vi.advanceTimersByTimeAsync(4_000);
    const midway = bench.controller.store.getSnapshot().stepIds.length;
    expect(midway).toBeGreaterThan(stepsWhenStalled);
    expect(midway).toBeLessThan(6);

    await vi.advanceTimersByTimeAsync(20_000);
    const state = bench.controller.store.getSnapshot();
    expect(state.status).toBe('success');
    expect(state.stepIds).toHaveLength(6);
    for (const id of state.stepIds) expect(state.steps.get(id)!.executions).toHaveLength(1);
    expect(bench.controller.connection.getSnapshot()).toMatchObject({ status: 'closed', stalled: false });
    expect(bench.fetch.requests.filter((request) => request.route === 'restart')).toHaveLength(1);
  });

  it('restart() with a transport that cannot restart says so, naming what can', async () => {
    const transport = { getRun: vi.fn(), observeRun: vi.fn() } as unknown as RunTransport;
    const controller = createRunController({ transport, workflowId, runId });
    const error = await controller.restart().catch((caught: unknown) => caught);
    expect(SteplineError.isInstance(error) && error.code).toBe('conflict');
    expect((error as Error).message).toMatch(/createMastraHttpTransport/);
  });
});
