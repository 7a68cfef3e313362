import {
  type ConnectionState,
  frameScheduler,
  isTerminalRunStatus,
  type RunState,
  type RunStatus,
  type StepState,
  selectSuspendedSteps,
} from '@stepline/client';
import { useEffect, useRef, useState } from 'react';
import { useRunController } from '../run-scope';
import { describeConnection, runStatusPresentation } from './format';
import { type StepLabeler, type StepLabels, useStepLabeler } from './step-labels';
import { visuallyHidden } from './visually-hidden';

export interface RunAnnouncerProps {
  readonly stepLabels?: StepLabels;
  /** At most one announcement per this many ms; a burst in between is summed up. Default 1000. */
  readonly throttleMs?: number;
  readonly className?: string;
}

type Change =
  | { readonly kind: 'started' | 'finished' | 'failed'; readonly label: string }
  | { readonly kind: 'approval'; readonly label: string }
  | { readonly kind: 'run'; readonly status: RunStatus }
  | { readonly kind: 'connection'; readonly text: string };

/** Changes worth telling a screen-reader user, between two states of a run. */
function stepChanges(previous: RunState, next: RunState, labelOf: StepLabeler): Change[] {
  const changes: Change[] = [];
  for (const id of next.stepIds) {
    const step = next.steps.get(id)!;
    const before: StepState | undefined = previous.steps.get(id);
    if (step === before || step.hidden || step.status === before?.status) continue;
    if (step.status === 'running' && (before === undefined || before.status === 'pending')) {
      changes.push({ kind: 'started', label: labelOf(step) });
    } else if (step.status === 'success') {
      changes.push({ kind: 'finished', label: labelOf(step) });
    } else if (step.status === 'failed' || step.status === 'tripwire') {
      changes.push({ kind: 'failed', label: labelOf(step) });
    }
  }
  const waiting = new Set(selectSuspendedSteps(previous).map((step) => step.id));
  for (const step of selectSuspendedSteps(next)) {
    if (!waiting.has(step.id)) changes.push({ kind: 'approval', label: labelOf(step) });
  }
  if (previous.status !== next.status && (isTerminalRunStatus(next.status) || next.status === 'suspended')) {
    changes.push({ kind: 'run', status: next.status });
  }
  return changes;
}

/** One short text for a batch: each change named when there are few, counts when there are many. */
export function describeChanges(changes: readonly Change[]): string {
  const steps = changes.filter(
    (change): change is Extract<Change, { kind: 'started' | 'finished' | 'failed' }> =>
      change.kind === 'started' || change.kind === 'finished' || change.kind === 'failed',
  );
  const approvals = changes.filter((change) => change.kind === 'approval');
  const runs = changes.filter((change) => change.kind === 'run');
  const connection = changes.filter((change) => change.kind === 'connection').at(-1);
  const sentences: string[] = [];
  if (steps.length <= 3) {
    for (const change of steps) {
      sentences.push(
        `${change.label} ${change.kind === 'started' ? 'started' : change.kind === 'finished' ? 'finished' : 'failed'}.`,
      );
    }
  } else {
    const count = (kind: string) => steps.filter((change) => change.kind === kind).length;
    const parts = [
      count('started') > 0 ? `${count('started')} started` : '',
      count('finished') > 0 ? `${count('finished')} finished` : '',
      count('failed') > 0 ? `${count('failed')} failed` : '',
    ].filter(Boolean);
    sentences.push(`Steps: ${parts.join(', ')}.`);
    const failed = steps.filter((change) => change.kind === 'failed');
    if (failed.length > 0 && failed.length <= 3) {
      sentences.push(`Failed: ${failed.map((change) => change.label).join(', ')}.`);
    }
  }
  if (approvals.length > 0 && approvals.length <= 3) {
    for (const approval of approvals) sentences.push(`Approval needed: ${approval.label}.`);
  } else if (approvals.length > 3) {
    sentences.push(`${approvals.length} approvals needed.`);
  }
  const run = runs.at(-1);
  if (run) sentences.push(`Run ${runStatusPresentation(run.status).label.toLowerCase()}.`);
  if (connection) sentences.push(`${connection.text}.`);
  return sentences.join(' ');
}

/**
 * A polite live region telling screen-reader users what happens: steps that start, finish or fail,
 * approvals that are needed, the run's end, a lost connection. Throttled: a flood of events becomes one
 * short summary per `throttleMs`. Visually hidden.
 *
 * @example
 * <RunScope controller={controller}><RunAnnouncer /></RunScope>
 */
export function RunAnnouncer({ stepLabels, throttleMs = 1000, className }: RunAnnouncerProps) {
  const controller = useRunController('RunAnnouncer');
  const labelOf = useStepLabeler(stepLabels);
  const labelRef = useRef(labelOf);
  const [message, setMessage] = useState('');

  useEffect(() => {
    labelRef.current = labelOf;
  }, [labelOf]);

  useEffect(() => {
    let previous = controller.store.getSnapshot();
    let previousConnection: ConnectionState = controller.connection.getSnapshot();
    let queue: Change[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    let cancelFrame: (() => void) | undefined;
    let lastFlush = 0;
    const flush = () => {
      timer = undefined;
      cancelFrame = undefined;
      lastFlush = Date.now();
      const text = describeChanges(queue);
      queue = [];
      if (text) setMessage(text);
    };
    const schedule = () => {
      if (queue.length === 0 || timer !== undefined) return;
      // A short pause gathers a burst; after an announcement, wait out the throttle.
      // Announced at a frame, with the run's own updates, rather than as a commit of its own.
      timer = setTimeout(
        () => {
          cancelFrame = frameScheduler.schedule(flush);
        },
        Math.max(100, lastFlush + throttleMs - Date.now()),
      );
    };
    const unsubscribeRun = controller.store.subscribe(() => {
      const next = controller.store.getSnapshot();
      if (next === previous) return;
      queue.push(...stepChanges(previous, next, labelRef.current));
      previous = next;
      schedule();
    });
    const unsubscribeConnection = controller.connection.subscribe(() => {
      const next = controller.connection.getSnapshot();
      const was = previousConnection.status;
      previousConnection = next;
      if (next.status === was) return;
      const lost = next.status === 'offline' || next.status === 'error';
      const back = next.status === 'live' && (was === 'offline' || was === 'error');
      if (!lost && !back) return;
      queue.push({ kind: 'connection', text: back ? 'Connection restored' : describeConnection(next) });
      schedule();
    });
    return () => {
      unsubscribeRun();
      unsubscribeConnection();
      if (timer !== undefined) clearTimeout(timer);
      cancelFrame?.();
    };
  }, [controller, throttleMs]);

  return (
    <div
      className={
        className ? `stepline-announcer stepline-sr-only ${className}` : 'stepline-announcer stepline-sr-only'
      }
      style={visuallyHidden}
      role="status"
      aria-live="polite"
      aria-atomic="true"
    >
      {message}
    </div>
  );
}
