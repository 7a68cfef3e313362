import { mastraEvents } from '@stepline/client/testing';
import { createRoot } from 'react-dom/client';
import { commitLog } from './commit-log.ts';
import { countPerFrame, nextFrames, startFrameClock, whenDom } from './frame-clock.ts';
import { ProfiledWorkflowRun } from './profiled-workflow-run.tsx';
import type { AgentAnswerOptions, AgentAnswerResult } from './results.ts';
import { createScriptedTransport } from './scripted-transport.ts';

const workflowId = 'bench';
const runId = 'bench-run';
const stepId = 'long-writer';
const agentRunId = 'agent-run-1';
const words = ['the', 'tide', 'and', 'the', 'moon', 'and', 'the', 'sea', 'again,'];

/** An agent chunk as Mastra 1.71 wraps it in `workflow-step-output` (see apps/mastra-server/README.md). */
const agent = (type: string, payload: unknown) =>
  mastraEvents.stepOutput(stepId, { type, runId: agentRunId, from: 'AGENT', payload }, { runId });

/**
 * A `createStep(agent)` answer of `tokens` tokens (most of them repeats, byte for byte) streamed at
 * `tokensPerSecond` into a mounted `<WorkflowRun>`: commits per frame, long tasks and frames drawn from
 * the first token until the DOM shows the whole answer.
 */
export async function agentAnswer(options: AgentAnswerOptions): Promise<AgentAnswerResult> {
  const tokens = Array.from({ length: options.tokens }, (_, index) => {
    const word = words[(index * 7 + (index >> 3)) % words.length]!;
    return index === 0 ? word : ` ${word}`;
  });
  const text = tokens.join('');
  const startedAt = Date.now();
  const chunks = [
    mastraEvents.workflowStart(runId, workflowId),
    mastraEvents.stepStart(stepId, { runId, startedAt, payload: { prompt: 'Write at length.' } }),
    agent('start', { id: stepId }),
    agent('step-start', { request: {}, warnings: [] }),
    agent('text-start', { id: 'txt-0' }),
    ...tokens.map((token) => agent('text-delta', { id: 'txt-0', text: token })),
    agent('text-end', { type: 'text-end', id: 'txt-0' }),
    agent('step-finish', {
      stepResult: { reason: 'stop' },
      output: { text, usage: { totalTokens: tokens.length } },
    }),
    agent('finish', {
      stepResult: { reason: 'stop' },
      output: { text, usage: { totalTokens: tokens.length } },
    }),
    mastraEvents.stepResult(stepId, { runId, startedAt, output: { text } }),
    mastraEvents.workflowFinish('success', { runId, result: { text } }),
  ];

  let longTasks: { readonly at: number; readonly duration: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push({ at: entry.startTime, duration: entry.duration });
  });
  observer.observe({ type: 'longtask', buffered: false });

  const transport = createScriptedTransport({ workflowId, runId });
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  root.render(<ProfiledWorkflowRun transport={transport} workflowId={workflowId} runId={runId} />);
  const stream = await transport.nextStream();
  await nextFrames(10);

  commitLog.clear();
  longTasks.length = 0;
  const clock = startFrameClock();
  const start = performance.now();
  await stream.pushAtRate(chunks, options.tokensPerSecond);
  const pushed = performance.now();
  stream.end();
  const answer = () => container.querySelector(`[data-step-id="${stepId}"] .stepline-transcript__text`);
  await whenDom(
    container,
    () =>
      container.querySelector('section.stepline-run')?.getAttribute('data-status') === 'success' &&
      answer()?.textContent === text,
    30_000,
  );
  await nextFrames(2);
  const end = performance.now();
  observer.disconnect();
  const frames = clock.stop().filter((time) => time >= start && time <= end);
  // The observer reports a task after it ended, so the setup's own (building the chunks, mounting)
  // can arrive after the reset above: only tasks that began once the tokens did count.
  longTasks = longTasks.filter((task) => task.at >= start);
  const commits = commitLog.since(start).filter((commit) => commit.at <= end);
  const perFrame = countPerFrame(
    frames,
    commits.map((commit) => commit.at),
  );
  const result: AgentAnswerResult = {
    tokens: tokens.length,
    seconds: (pushed - start) / 1000,
    frames: frames.length,
    framesPerSecond: (frames.length * 1000) / (end - start),
    commits: commits.length,
    maxCommitsInOneFrame: Math.max(...perFrame),
    longTasks: longTasks.length,
    longestTaskMs: Math.max(0, ...longTasks.map((task) => task.duration)),
    longTasksAt: longTasks.map((task) => ({
      seconds: (task.at - start) / 1000,
      ms: task.duration,
    })),
    largestCommitMs: Math.max(0, ...commits.map((commit) => commit.actualDuration)),
    largestCommitSeconds:
      (commits.reduce(
        (largest, commit) => (commit.actualDuration > largest.actualDuration ? commit : largest),
        commits[0] ?? { at: start, actualDuration: 0 },
      ).at -
        start) /
      1000,
    firstTenthCommitMs: meanDuration(commits.slice(0, Math.ceil(commits.length / 10))),
    lastTenthCommitMs: meanDuration(commits.slice(-Math.ceil(commits.length / 10))),
    textShown: answer()?.textContent === text,
  };
  root.unmount();
  container.remove();
  return result;
}

function meanDuration(commits: readonly { readonly actualDuration: number }[]): number {
  if (commits.length === 0) return 0;
  return commits.reduce((sum, commit) => sum + commit.actualDuration, 0) / commits.length;
}
