import { afterEach, describe, expect, it, vi } from 'vitest';
import { mastraEvents } from '../testing/mastra-events';
import { createMastraHttpTransport } from '../transport/mastra-http-transport';
import { faultBench, run, runId, slowRunEvents, suspendedRunEvents, workflowId } from './fault-test-kit';
import type { PageVisibility } from './page-visibility';

// Issue 11, item 9: a run waiting for a person was polled every 2 s for as long as the tab was open, and
// a run whose server died every 2 s for ever, hidden tab or not.
afterEach(() => {
  vi.useRealTimers();
});

const minute = 60_000;

function fakeVisibility(hidden: boolean) {
  const listeners = new Set<() => void>();
  const visibility: PageVisibility & { set(hidden: boolean): void } = {
    isHidden: () => hidden,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next) {
      hidden = next;
      for (const listener of listeners) listener();
    },
  };
  return visibility;
}

const resumed = [
  mastraEvents.workflowStart(runId, workflowId),
  mastraEvents.stepStart('review', { startedAt: 1_000, resumedAt: 5_000, resumePayload: { ok: true } }),
  mastraEvents.stepResult('review', { startedAt: 1_000, output: { ok: true }, endedAt: 6_000 }),
  ...mastraEvents.step('publish', { startedAt: 7_000 }),
  mastraEvents.workflowFinish('success'),
];

describe('polling', () => {
  it('polling never slows down: a suspended, unchanged run is read at most once per 30 s once idle', async () => {
    vi.useFakeTimers();
    const bench = faultBench({ runs: [{ workflowId, runId, segments: [{ events: suspendedRunEvents() }] }] });
    bench.startRun();
    await vi.advanceTimersByTimeAsync(10);
    void bench.controller.watch().catch(() => {});
    await vi.advanceTimersByTimeAsync(10 * minute);
    bench.controller.detach();
    expect(bench.controller.connection.getSnapshot().status).toBe('closed');
    // 2, 4, 8, 16, then every 30 s: 24 reads in ten minutes instead of 300.
    expect(bench.count(['get-run'])).toBeLessThanOrEqual(26);
    expect(bench.count(['get-run'], 5 * minute, 10 * minute)).toBeLessThanOrEqual(11);
    expect(bench.count(['observe'])).toBe(0);
  });

  it('polling never slows down: a run whose server died is polled less and less, to one look per 30 s', async () => {
    vi.useFakeTimers();
    const bench = faultBench({
      runs: [{ workflowId, runId, segments: [{ events: slowRunEvents(10), delayMs: 1_000 }] }],
    });
    bench.startRun();
    await vi.advanceTimersByTimeAsync(3_500);
    bench.fetch.simulateRestart();
    void bench.controller.watch().catch(() => {});
    await vi.advanceTimersByTimeAsync(10 * minute);
    bench.controller.detach();
    // One read and one empty observe per look, 30 s apart once nothing changes.
    expect(bench.count(undefined, 5 * minute, 10 * minute)).toBeLessThanOrEqual(22);
  });

  it('pauses while the page is hidden and looks at once when it is shown', async () => {
    vi.useFakeTimers();
    const visibility = fakeVisibility(true);
    const bench = faultBench(
      { runs: [{ workflowId, runId, segments: [{ events: suspendedRunEvents() }] }] },
      { visibility },
    );
    bench.startRun();
    await vi.advanceTimersByTimeAsync(10);
    void bench.controller.watch().catch(() => {});
    await vi.advanceTimersByTimeAsync(10 * minute);
    // The first read shows the run; nothing more while nobody can see the page.
    expect(bench.count(['get-run'])).toBe(1);

    visibility.set(false);
    await vi.advanceTimersByTimeAsync(5);
    expect(bench.count(['get-run'])).toBe(2);
    bench.controller.detach();
  });

  it('goes live again once the run moves (resumed in another tab), and polls fast again', async () => {
    vi.useFakeTimers();
    const bench = faultBench({
      runs: [
        {
          workflowId,
          runId,
          segments: [{ events: suspendedRunEvents() }, { events: resumed, delayMs: 20_000 }],
        },
      ],
    });
    bench.startRun();
    await vi.advanceTimersByTimeAsync(10);
    void bench.controller.watch().catch(() => {});
    await vi.advanceTimersByTimeAsync(5 * minute);
    expect(bench.controller.connection.getSnapshot().status).toBe('polling');

    const otherTab = createMastraHttpTransport({ baseUrl: 'http://mastra.test', fetch: bench.fetch });
    void otherTab.resumeRun(run, { step: 'review', resumeData: { ok: true } }, { onChunks() {} });
    // Seen at the next look (at most the 30 s ceiling), then followed live.
    await vi.advanceTimersByTimeAsync(31_000);
    expect(bench.controller.connection.getSnapshot().status).toBe('live');
    await vi.advanceTimersByTimeAsync(2 * minute);
    expect(bench.controller.store.getSnapshot().status).toBe('success');
    expect(bench.controller.connection.getSnapshot().status).toBe('closed');
  });
});
