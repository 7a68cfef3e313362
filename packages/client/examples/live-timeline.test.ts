// @vitest-environment jsdom
import { createMastraHttpTransport, createRunController } from '@stepline/client';
import { createMockMastraFetch, mastraEvents } from '@stepline/client/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mountLiveTimeline } from './live-timeline';

// The example must stand on the client alone: a React import anywhere under it fails this file.
vi.mock('react', () => {
  throw new Error('the plain-DOM example must not import react');
});

const runId = 'run-1';
const workflowId = 'content-brief';

function contentBriefRun(delayMs: number) {
  return createMockMastraFetch({
    runs: [
      {
        workflowId,
        runId,
        delayMs,
        chunkSize: 256,
        segments: [
          {
            events: [
              mastraEvents.workflowStart(runId, workflowId),
              mastraEvents.stepStart('outline', { startedAt: 1_000 }),
              mastraEvents.stepResult('outline', { startedAt: 1_000, endedAt: 1_400, output: { ok: true } }),
              mastraEvents.stepStart('research-sources', { startedAt: 1_500 }),
              mastraEvents.stepStart('research-audience', { startedAt: 1_500 }),
              mastraEvents.stepResult('research-audience', { startedAt: 1_500, endedAt: 1_900, output: 1 }),
              mastraEvents.stepResult('research-sources', { startedAt: 1_500, endedAt: 2_100, output: 2 }),
              mastraEvents.stepStart('editorial-round', { startedAt: 2_200 }),
              mastraEvents.stepStart('editorial-round.review', { startedAt: 2_210 }),
              mastraEvents.stepResult('editorial-round.review', {
                startedAt: 2_210,
                endedAt: 2_300,
                output: 'ok',
              }),
              mastraEvents.stepResult('editorial-round', { startedAt: 2_200, endedAt: 2_310, output: 'ok' }),
              mastraEvents.workflowFinish('success', { result: { done: true } }),
            ],
          },
        ],
      },
    ],
  });
}

describe('a live timeline in plain DOM from @stepline/client alone', () => {
  let unmount: (() => void) | undefined;
  afterEach(() => {
    unmount?.();
    document.body.replaceChildren();
  });

  it('renders the run as it streams: rows at every depth, a parallel block, statuses and durations', async () => {
    const fetch = contentBriefRun(5);
    const controller = createRunController({
      transport: createMastraHttpTransport({ baseUrl: 'http://mastra.test/api', fetch }),
      workflowId,
    });
    const root = document.createElement('section');
    document.body.append(root);
    unmount = mountLiveTimeline(root, controller);
    expect(root.dataset.status).toBe('pending');
    expect(root.querySelectorAll('li')).toHaveLength(0);

    const seen = new Set<number>();
    const observer = new MutationObserver(() => seen.add(root.querySelectorAll('li').length));
    observer.observe(root, { childList: true, subtree: true });
    await controller.start({ runId, inputData: { topic: 'Tidal power' } });
    await vi.waitFor(() => expect(root.dataset.status).toBe('success'), { timeout: 5_000 });
    observer.disconnect();

    // It was live: the list grew while the stream arrived, not only once at the end.
    expect(seen.size).toBeGreaterThan(1);
    const rows = [...root.querySelectorAll('li')].map((item) => item.textContent);
    expect(rows).toEqual([
      'outline: success (400 ms)',
      'parallel: 2 branches',
      '  research-sources: success (600 ms)',
      '  research-audience: success (400 ms)',
      'editorial-round: success (110 ms)',
      '  review: success (90 ms)',
    ]);
    const nested = root.querySelector('[data-step-id="editorial-round.review"]') as HTMLElement;
    expect(nested.dataset.depth).toBe('1');
    controller.detach();
  });
});
