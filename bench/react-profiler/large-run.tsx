import { mastraEvents } from '@stepline/client/testing';
import { createRoot } from 'react-dom/client';
import { commitLog } from './commit-log.ts';
import { afterNextPaint, nextFrames, whenDom } from './frame-clock.ts';
import { ProfiledWorkflowRun } from './profiled-workflow-run.tsx';
import type { LargeRunOptions, LargeRunResult } from './results.ts';
import { createScriptedTransport } from './scripted-transport.ts';

const workflowId = 'bench-large';
const runId = 'bench-large-run';

function stepId(index: number): string {
  return `step-${String(index).padStart(5, '0')}`;
}

/**
 * A run that has been going for a while: `steps - 1` sequential steps done, the last one running. The
 * view attaches to it (the controller reads the stored run, then follows the live stream).
 */
function runHistory(steps: number): { history: unknown[]; last: { id: string; startedAt: number } } {
  const history: unknown[] = [mastraEvents.workflowStart(runId, workflowId)];
  const base = Date.now() - steps * 10;
  for (let index = 0; index < steps - 1; index++) {
    const startedAt = base + index * 10;
    history.push(
      ...mastraEvents.step(stepId(index), {
        runId,
        startedAt,
        endedAt: startedAt + 5,
        payload: { n: index },
        output: { n: index, text: 'a short result of the kind steps return' },
      }),
    );
  }
  const last = { id: stepId(steps - 1), startedAt: base + (steps - 1) * 10 };
  history.push(
    mastraEvents.stepStart(last.id, { runId, startedAt: last.startedAt, payload: { n: steps - 1 } }),
  );
  return { history, last };
}

/**
 * First render of a run of `steps` steps, then one `step-result` for its running step, with the timeline
 * scrolled to it (as someone following the run would have it).
 */
export async function largeRun(options: LargeRunOptions): Promise<LargeRunResult> {
  const { history, last } = runHistory(options.steps);
  const transport = createScriptedTransport({ workflowId, runId, history });
  await transport.getRun({ workflowId, runId }); // the stored run is ready before the clock starts
  const container = document.createElement('div');
  document.body.append(container);
  const rows = () => container.querySelectorAll('li[data-step-id]');
  const row = (id: string) => container.querySelector(`li[data-step-id="${id}"]`);
  const listSize = () => {
    const first = rows()[0];
    return first?.hasAttribute('aria-setsize') ? Number(first.getAttribute('aria-setsize')) : rows().length;
  };

  commitLog.clear();
  const root = createRoot(container);
  const start = performance.now();
  root.render(
    <ProfiledWorkflowRun
      transport={transport}
      workflowId={workflowId}
      runId={runId}
      virtualizeAbove={options.virtualizeAbove}
    />,
  );
  await whenDom(container, () => row(stepId(0)) !== null && listSize() === options.steps);
  const rowsAt = performance.now();
  const firstCommits = commitLog.since(start);
  await afterNextPaint();
  const paintedAt = performance.now();
  const rowsInDom = rows().length;
  const size = listSize();

  // Follow the newest step: scroll the (windowed) list to the end, then let it settle.
  const stream = await transport.nextStream();
  const viewport = container.querySelector<HTMLElement>('.stepline-timeline__viewport');
  if (viewport) viewport.scrollTop = viewport.scrollHeight;
  await whenDom(container, () => row(last.id) !== null);
  await nextFrames(10);

  commitLog.clear();
  const updateStart = performance.now();
  stream.push([
    mastraEvents.stepResult(last.id, {
      runId,
      startedAt: last.startedAt,
      endedAt: last.startedAt + 5,
      payload: { n: options.steps - 1 },
      output: { n: options.steps - 1, text: 'a short result of the kind steps return' },
    }),
  ]);
  await whenDom(container, () => row(last.id)?.getAttribute('data-status') === 'success');
  const updatedAt = performance.now();
  await nextFrames(3);
  const updateCommits = commitLog.since(updateStart);
  const rowIds = [
    ...new Set(updateCommits.flatMap((commit) => commit.rows.map((rendered) => rendered.stepId))),
  ];

  const result: LargeRunResult = {
    steps: options.steps,
    windowed: viewport !== null,
    firstRender: {
      commits: firstCommits.length,
      mountCommitMs: firstCommits.find((commit) => commit.phase === 'mount')?.actualDuration ?? Number.NaN,
      renderMs: firstCommits.reduce((sum, commit) => sum + commit.actualDuration, 0),
      largestCommitMs: Math.max(0, ...firstCommits.map((commit) => commit.actualDuration)),
      wallToRowsMs: rowsAt - start,
      wallToPaintMs: paintedAt - start,
      rowsInDom,
      listSize: size,
    },
    update: {
      stepId: last.id,
      commits: updateCommits.length,
      renderMs: updateCommits.reduce((sum, commit) => sum + commit.actualDuration, 0),
      rowsRerendered: rowIds.length,
      rowIds,
      rowsInDom: rows().length,
      wallMs: updatedAt - updateStart,
    },
  };
  root.unmount();
  container.remove();
  return result;
}
