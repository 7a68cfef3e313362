import { createRoot } from 'react-dom/client';
import { recordedShapeChunks } from '../recorded-shape-stream.ts';
import { type CommitRecord, commitLog } from './commit-log.ts';
import { countPerFrame, frameOf, nextFrames, startFrameClock, whenDom } from './frame-clock.ts';
import { ProfiledWorkflowRun } from './profiled-workflow-run.tsx';
import { animationFrameRequests } from './raf-counter.ts';
import type { CrowdedFrame, FloodOptions, FloodResult } from './results.ts';
import { createScriptedTransport } from './scripted-transport.ts';

const workflowId = 'bench';
const runId = 'bench-run'; // the run id recordedShapeChunks stamps on every chunk

/** Step ids the chunks mention, as a timeline would list them. */
function distinctStepIds(chunks: readonly unknown[]): Set<string> {
  const ids = new Set<string>();
  for (const chunk of chunks as { type?: string; payload?: { id?: unknown } }[]) {
    if (chunk.type?.startsWith('workflow-step-') && typeof chunk.payload?.id === 'string') {
      ids.add(chunk.payload.id);
    }
  }
  return ids;
}

/**
 * A live run streaming `eventsPerSecond` Mastra chunks for `seconds` into a mounted `<WorkflowRun>`: every
 * commit and every animation frame from the first event until the DOM shows the finished run.
 */
export async function flood(options: FloodOptions): Promise<FloodResult> {
  const chunks = recordedShapeChunks({
    events: Math.round(options.eventsPerSecond * options.seconds),
    distinctSteps: options.distinctSteps,
    mix: 'recorded',
  });
  const stepIds = distinctStepIds(chunks);
  const transport = createScriptedTransport({ workflowId, runId });
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  commitLog.watch(options.diagnose ? container : undefined);
  root.render(<ProfiledWorkflowRun transport={transport} workflowId={workflowId} runId={runId} />);
  const stream = await transport.nextStream();
  await nextFrames(10);
  const idle = startFrameClock();
  await new Promise((resolve) => setTimeout(resolve, 500));
  const idleFrames = idle.stop();
  const idleFramesPerSecond = ((idleFrames.length - 1) * 1000) / (idleFrames.at(-1)! - idleFrames[0]!);

  commitLog.clear();
  const clock = startFrameClock();
  const start = performance.now();
  const requestsBefore = animationFrameRequests();
  const reads = await stream.pushAtRate(chunks, options.eventsPerSecond);
  const pushed = performance.now();
  stream.end();
  const rows = () => container.querySelectorAll('li[data-step-id]');
  await whenDom(container, () => {
    if (container.querySelector('section.stepline-run')?.getAttribute('data-status') !== 'success')
      return false;
    // Every row the timeline draws done (it draws steps that overlapped in time as one group, so there
    // may be fewer rows than step ids).
    const shown = rows();
    return shown.length > 0 && [...shown].every((row) => row.getAttribute('data-status') === 'success');
  }).catch((error: unknown) => {
    // Say what the DOM shows instead, so a failure names the rows that are off.
    const off = [...rows()]
      .filter((row) => row.getAttribute('data-status') !== 'success')
      .map((row) => `${row.getAttribute('data-step-id')}: ${row.getAttribute('data-status')}`);
    const run = container.querySelector('section.stepline-run')?.getAttribute('data-status');
    throw new Error(
      `${(error as Error).message} The run shows ${run}, ${rows().length} of ${stepIds.size} rows; not success: ${off.slice(0, 10).join(', ') || 'none'}.`,
    );
  });
  const settled = performance.now();
  // The frame that paints the final DOM belongs to the flood too.
  await nextFrames(2);
  const end = performance.now();
  const frameRequests = animationFrameRequests() - requestsBefore;
  const frames = clock.stop().filter((time) => time >= start && time <= end);
  const commits = commitLog.since(start).filter((commit) => commit.at <= end);
  const perFrame = countPerFrame(
    frames,
    commits.map((commit) => commit.at),
  );

  const result: FloodResult = {
    events: chunks.length,
    distinctSteps: stepIds.size,
    reads,
    pushSeconds: (pushed - start) / 1000,
    frames: frames.length,
    windowSeconds: (end - start) / 1000,
    frameRequests,
    idleFramesPerSecond,
    commits: commits.length,
    maxCommitsInOneFrame: Math.max(...perFrame),
    framesWithSeveralCommits: perFrame.filter((count) => count > 1).length,
    renderMs: commits.reduce((sum, commit) => sum + commit.actualDuration, 0),
    largestCommitMs: Math.max(0, ...commits.map((commit) => commit.actualDuration)),
    rowRenders: commits.reduce((sum, commit) => sum + commit.rows.length, 0),
    settleMs: settled - pushed,
    domRows: rows().length,
    domRowsSucceeded: [...rows()].filter((row) => row.getAttribute('data-status') === 'success').length,
    domRunStatus: container.querySelector('section.stepline-run')?.getAttribute('data-status') ?? null,
    ...(options.diagnose ? { crowdedFrames: crowdedFrames(frames, commits, start) } : {}),
  };
  commitLog.watch(undefined);
  root.unmount();
  container.remove();
  return result;
}

/** The frames that held more than one commit, with what each of their commits rendered and started from. */
function crowdedFrames(
  frames: readonly number[],
  commits: readonly CommitRecord[],
  start: number,
): CrowdedFrame[] {
  const byFrame = new Map<number, CommitRecord[]>();
  for (const commit of commits) {
    const frame = frameOf(frames, commit.at);
    byFrame.set(frame, [...(byFrame.get(frame) ?? []), commit]);
  }
  const crowded: CrowdedFrame[] = [];
  for (const [frame, inFrame] of byFrame) {
    if (inFrame.length < 2) continue;
    const frameStart = frame < 0 ? start : frames[frame]!;
    crowded.push({
      frameMs: frameStart - start,
      commits: inFrame.map((commit) => ({
        atMs: commit.at - frameStart,
        rows: commit.rows.length,
        actualDuration: commit.actualDuration,
        causes: commit.causes ?? [],
      })),
    });
  }
  return crowded;
}
