import { suspendedRunSnapshot } from '@stepline/test-support';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunTransport } from '../transport/run-transport';
import { createControllerCache } from './controller-cache';

const suspended = suspendedRunSnapshot;

/** A server that holds the run but has no live stream: the controller polls it. */
function quietTransport() {
  const reads: string[] = [];
  const transport = {
    getRun: async (run: { runId: string }) => {
      reads.push(run.runId);
      return { ...suspended, runId: run.runId };
    },
    observeRun: async () => {},
  } as unknown as RunTransport;
  return { transport, reads };
}

describe('the controller cache', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives one controller per run, whoever asks, and another for another run', () => {
    const { transport } = quietTransport();
    const cache = createControllerCache({ controllerOptions: () => ({ transport }) });
    const first = cache.get('wf', 'run-1');
    expect(cache.get('wf', 'run-1')).toBe(first);
    expect(cache.get('wf', 'run-2')).not.toBe(first);
    expect(cache.get('other', 'run-1')).not.toBe(first);
  });

  it('watches while retained and detaches after the last release, unless retained again in between', async () => {
    vi.useFakeTimers();
    const { transport } = quietTransport();
    const cache = createControllerCache({ controllerOptions: () => ({ transport }), releaseDelayMs: 50 });
    const controller = cache.get('wf', 'run-1');
    const releaseA = cache.retain(controller);
    const releaseB = cache.retain(controller);
    await vi.advanceTimersByTimeAsync(1);
    expect(controller.connection.getSnapshot().status).not.toBe('idle');

    releaseA();
    releaseA(); // a second call of the same release counts once
    releaseB();
    // Strict Mode: unmounted and mounted again within the delay keeps the same watch.
    const releaseC = cache.retain(controller);
    await vi.advanceTimersByTimeAsync(100);
    expect(controller.connection.getSnapshot().status).not.toBe('closed');
    expect(cache.get('wf', 'run-1')).toBe(controller);

    releaseC();
    await vi.advanceTimersByTimeAsync(49);
    expect(controller.connection.getSnapshot().status).not.toBe('closed');
    await vi.advanceTimersByTimeAsync(1);
    expect(controller.connection.getSnapshot().status).toBe('closed');
    // Gone from the cache: the next view gets a fresh controller.
    expect(cache.get('wf', 'run-1')).not.toBe(controller);
  });

  it('hands a started run over: watching for handOffMs, then released', async () => {
    vi.useFakeTimers();
    const { transport } = quietTransport();
    const cache = createControllerCache({ controllerOptions: () => ({ transport }), handOffMs: 1000 });
    const controller = cache.get('wf', 'run-1');
    cache.handOff(controller);
    await vi.advanceTimersByTimeAsync(999);
    expect(controller.connection.getSnapshot().status).not.toBe('closed');
    await vi.advanceTimersByTimeAsync(2);
    expect(controller.connection.getSnapshot().status).toBe('closed');
  });

  it('shows a server-rendered snapshot from the first read, raw or normalized, only when it creates', () => {
    const { transport, reads } = quietTransport();
    const cache = createControllerCache({ controllerOptions: () => ({ transport }) });
    const raw = {
      runId: 'run-1',
      workflowName: 'wf',
      status: 'suspended',
      steps: {
        review: { status: 'suspended', startedAt: 1, suspendedAt: 2, suspendPayload: { why: 'ok?' } },
      },
    };
    const fromRaw = cache.get('wf', 'run-1', { initialSnapshot: raw });
    expect(fromRaw.store.getSnapshot().steps.get('review')?.suspendPayload).toEqual({ why: 'ok?' });
    const fromNormalized = cache.get('wf', 'run-2', { initialSnapshot: { ...suspended, runId: 'run-2' } });
    expect(fromNormalized.store.getSnapshot().status).toBe('suspended');
    // Already created: a later snapshot does not reset what the controller knows.
    expect(cache.get('wf', 'run-2', { initialSnapshot: raw })).toBe(fromNormalized);
    expect(reads).toEqual([]);
  });
});
