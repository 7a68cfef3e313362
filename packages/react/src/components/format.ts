import {
  type ConnectionState,
  isTerminalRunStatus,
  type RunStatus,
  type StepState,
  type StepStatus,
  selectStepDecisions,
} from '@stepline/client';

/** A step's or run's status in words, with an icon that only repeats what the words say. */
export interface StatusPresentation {
  readonly label: string;
  /** A glyph shown beside the words; hidden from assistive technology. */
  readonly icon: string;
  /** A coarse tone for styling: the status itself stays in `data-status`. */
  readonly tone: StatusTone;
}

export type StatusTone = 'neutral' | 'active' | 'attention' | 'success' | 'danger' | 'muted';

const stepStatuses: Record<StepStatus, StatusPresentation> = {
  pending: { label: 'Pending', icon: '○', tone: 'neutral' },
  running: { label: 'Running', icon: '◐', tone: 'active' },
  waiting: { label: 'Waiting', icon: '◷', tone: 'active' },
  suspended: { label: 'Waiting for approval', icon: '‖', tone: 'attention' },
  paused: { label: 'Paused', icon: '‖', tone: 'attention' },
  success: { label: 'Done', icon: '✓', tone: 'success' },
  failed: { label: 'Failed', icon: '✕', tone: 'danger' },
  bailed: { label: 'Ended early', icon: '⤓', tone: 'muted' },
  canceled: { label: 'Canceled', icon: '⊘', tone: 'muted' },
  skipped: { label: 'Skipped', icon: '↷', tone: 'muted' },
  tripwire: { label: 'Blocked', icon: '⚠', tone: 'danger' },
  // A status from a newer Mastra: said as it is, neither a failure nor progress.
  unknown: { label: 'Unknown status', icon: '?', tone: 'neutral' },
};

const runStatuses: Record<RunStatus, StatusPresentation> = {
  pending: { label: 'Not started', icon: '○', tone: 'neutral' },
  running: { label: 'Running', icon: '◐', tone: 'active' },
  waiting: { label: 'Waiting', icon: '◷', tone: 'active' },
  suspended: { label: 'Waiting for approval', icon: '‖', tone: 'attention' },
  paused: { label: 'Paused', icon: '‖', tone: 'attention' },
  success: { label: 'Succeeded', icon: '✓', tone: 'success' },
  failed: { label: 'Failed', icon: '✕', tone: 'danger' },
  bailed: { label: 'Ended early', icon: '⤓', tone: 'muted' },
  canceled: { label: 'Canceled', icon: '⊘', tone: 'muted' },
  tripwire: { label: 'Blocked', icon: '⚠', tone: 'danger' },
};

const unknownStatus: StatusPresentation = { label: 'Unknown', icon: '?', tone: 'neutral' };

/** @example stepStatusPresentation('suspended').label // 'Waiting for approval' */
export function stepStatusPresentation(status: StepStatus): StatusPresentation {
  return stepStatuses[status] ?? { ...unknownStatus, label: String(status) };
}

/** @example runStatusPresentation('success').label // 'Succeeded' */
export function runStatusPresentation(status: RunStatus): StatusPresentation {
  return runStatuses[status] ?? { ...unknownStatus, label: String(status) };
}

/**
 * A step's status as people read it, decisions included: a step a person rejected reads "Rejected", not a
 * green "Done"; one whose last round asked for changes "Changes requested"; an approved one "Approved".
 * @example stepPresentation(reviewStep).label // 'Rejected'
 */
export function stepPresentation(step: StepState): StatusPresentation {
  const base = stepStatusPresentation(step.status);
  if (step.status !== 'success') return base;
  const decisions = selectStepDecisions(step);
  const last = decisions[decisions.length - 1];
  if (last === undefined || last.value === undefined) return base;
  switch (last.tone) {
    case 'negative':
      return { label: last.label, icon: '⊘', tone: 'danger' };
    case 'positive':
      return { label: last.label, icon: '✓', tone: 'success' };
    case 'neutral':
      return { label: last.label, icon: '↺', tone: 'neutral' };
  }
}

/**
 * A run's status with how it ended, when the status alone would mislead (`selectRunOutcome`): a brief
 * the editor rejected finished "successfully" for Mastra, and reads "Rejected" here.
 * @example runPresentation('success', 'rejected').label // 'Rejected'
 */
export function runPresentation(
  status: RunStatus,
  outcome: 'rejected' | 'ended-early' | undefined,
): StatusPresentation {
  if (outcome === 'rejected') return { label: 'Rejected', icon: '⊘', tone: 'danger' };
  if (outcome === 'ended-early') return { label: 'Ended early', icon: '⤓', tone: 'muted' };
  return runStatusPresentation(status);
}

/**
 * The connection in words, for people: "Live", "Reconnecting (attempt 2)…", "Offline — retrying".
 * @example describeConnection({ ...state, status: 'reconnecting', attempt: 2 }) // 'Reconnecting (attempt 2)…'
 */
export function describeConnection(
  connection: Pick<ConnectionState, 'status' | 'attempt' | 'error'>,
  runStatus?: RunStatus,
): string {
  switch (connection.status) {
    case 'idle':
      return 'Not connected';
    case 'connecting':
      return 'Connecting…';
    case 'live':
      return 'Live';
    case 'reconnecting':
      return connection.attempt > 0 ? `Reconnecting (attempt ${connection.attempt})…` : 'Reconnecting…';
    case 'polling':
      return 'Polling for changes';
    case 'offline':
      return 'Offline — retrying';
    case 'closed':
      return runStatus && isTerminalRunStatus(runStatus) ? 'Up to date' : 'Not watching';
    case 'error':
      // Words only: the server's own text (`GET …/runs/r1 answered 404`) belongs in a details line.
      switch (connection.error?.code) {
        case 'not-found':
          return 'Run not found';
        case 'auth':
          return 'Not allowed to read this run';
        default:
          return 'Connection failed';
      }
    default:
      return String(connection.status);
  }
}

/**
 * A duration for people: `350 ms`, `4.2 s`, `2 min 5 s`, `1 h 3 min`.
 * @example formatDuration(125_000) // '2 min 5 s'
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(Math.floor(ms / 100) / 10).toFixed(1)} s`;
  const totalSeconds = Math.floor(ms / 1000);
  if (totalSeconds < 60) return `${totalSeconds} s`;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  return seconds > 0 ? `${minutes} min ${seconds} s` : `${minutes} min`;
}

/**
 * A duration that is still growing, ticked once a second: whole seconds, and "< 1 s" for the first one
 * (never "0 ms", which reads as "did nothing").
 * @example formatLiveDuration(400) // '< 1 s'; formatLiveDuration(12_700) // '12 s'
 */
export function formatLiveDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 1000) return '< 1 s';
  if (ms < 60_000) return `${Math.floor(ms / 1000)} s`;
  return formatDuration(Math.floor(ms / 1000) * 1000);
}

/** An ISO 8601 duration for `<time dateTime>`: `PT4.2S`. */
export function isoDuration(ms: number): string {
  const seconds = Math.max(0, ms) / 1000;
  return `PT${Number.isInteger(seconds) ? seconds : seconds.toFixed(3)}S`;
}

/**
 * A readable name from a step id when the workflow gives no description: `research-sources` →
 * `Research sources`.
 */
export function humanizeStepName(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .trim();
  if (words === '') return name;
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}
