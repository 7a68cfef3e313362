import {
  type ConnectionState,
  isTerminalRunStatus,
  type RunStatus,
  type RunTiming,
  runElapsedMs,
  runTimingEqual,
  selectRunOutcome,
  selectRunTiming,
} from '@stepline/client';
import { type ReactNode, useEffect } from 'react';
import { useRunConnection } from '../hooks/use-run-connection';
import { useWorkflowDetails } from '../hooks/use-workflow-details';
import { useRunSelector, useRunStatus } from '../run-scope';
import { CancelRunButton } from './cancel-run-button';
import { useNow } from './clock';
import { prepareClockFormats, useClockFormats } from './clock-formats';
import { formatClockTime } from './clock-time';
import { ConnectionIndicator, connectionPresentation } from './connection-indicator';
import { formatDuration, formatLiveDuration, isoDuration } from './format';
import { RunStalledNotice } from './run-stalled-notice';
import { StatusBadge } from './status-badge';
import { WaitingSince } from './waiting-since';

export interface RunHeaderProps {
  /** The heading. Default: the workflow id. */
  readonly title?: ReactNode;
  /** Heading level of the title. Default 2. */
  readonly headingLevel?: 1 | 2 | 3 | 4 | 5 | 6;
  /** Show the cancel button while the run can still be canceled. Default true. */
  readonly showCancel?: boolean;
  readonly className?: string;
  /** Extra content at the end of the header (your own buttons, a link to the run…). */
  readonly children?: ReactNode;
}

/**
 * The run at a glance: its status in words ("Waiting for approval since 10:42 (3 min)"), when it started,
 * its elapsed time (which keeps counting while it waits for a person), a small live dot, and "Cancel
 * run…" (confirmed first). The connection is quiet while all is well: a banner says so only when updates
 * may be late, and nothing is said once the run ended. A run whose server died says "Stalled" and offers
 * Restart (`RunStalledNotice`).
 *
 * @example
 * <RunScope controller={controller}><RunHeader title="Content brief" /></RunScope>
 */
export function RunHeader({
  title,
  headingLevel = 2,
  showCancel = true,
  className,
  children,
}: RunHeaderProps) {
  const status = useRunStatus();
  const connection = useRunConnection(shownConnection, shownConnectionEqual);
  const timing = useRunSelector(selectRunTiming, runTimingEqual);
  const outcome = useRunSelector(selectRunOutcome);
  const workflowId = useRunSelector((run) => run.workflowId);
  const runId = useRunSelector((run) => run.runId);
  const details = useWorkflowDetails();
  const Heading = `h${headingLevel}` as const;
  const cancellable = showCancel && status !== 'pending' && !isTerminalRunStatus(status);
  const shown = connectionPresentation(connection, status);
  // Before the run is known: its start time is ready to show by the time it is.
  useEffect(prepareClockFormats, []);

  return (
    <header
      className={className ? `stepline-header ${className}` : 'stepline-header'}
      data-status={status}
      data-outcome={outcome}
      data-connection={connection.status}
    >
      <div className="stepline-header__titles">
        {/* Focus lands here when the last approval was answered: the run's status is what comes next. */}
        <Heading className="stepline-header__title" tabIndex={-1} data-stepline-run-heading="">
          {title ?? workflowId ?? 'Workflow run'}
        </Heading>
        {details?.description && <p className="stepline-header__description">{details.description}</p>}
      </div>
      <dl className="stepline-header__facts">
        <div className="stepline-header__fact stepline-header__fact--status">
          <dt>Status</dt>
          <dd>
            <RunStatusWords status={status} connection={connection} outcome={outcome} />{' '}
            {status === 'suspended' && timing.waitingSince !== undefined && (
              <WaitingSince className="stepline-header__since" since={timing.waitingSince} label="since" />
            )}
          </dd>
        </div>
        {timing.startedAt !== undefined && (
          <div className="stepline-header__fact">
            <dt>Started</dt>
            <dd>
              <StartTime at={timing.startedAt} />
            </dd>
          </div>
        )}
        {timing.startedAt !== undefined && (
          <div className="stepline-header__fact">
            <dt>Elapsed</dt>
            <dd>
              {/* A stalled run's clock stops at its last stored activity: nothing is running it. */}
              <RunElapsed timing={connection.stalled ? { ...timing, ended: true } : timing} />
            </dd>
          </div>
        )}
        {shown.tone !== 'none' && (
          <div className="stepline-header__fact stepline-header__fact--connection">
            <dt>Connection</dt>
            <dd>
              <ConnectionIndicator connection={connection} runStatus={status} />
            </dd>
          </div>
        )}
        {runId !== undefined && (
          <div className="stepline-header__fact stepline-header__fact--run-id">
            <dt>Run</dt>
            <dd>
              <code className="stepline-header__run-id">{runId}</code>
            </dd>
          </div>
        )}
      </dl>
      {(cancellable || children !== undefined) && (
        <div className="stepline-header__actions">
          {cancellable && <CancelRunButton />}
          {children}
        </div>
      )}
      <RunStalledNotice showCancel={false} />
      {shown.banner !== undefined && (
        <p className="stepline-header__banner" data-tone={shown.tone} data-connection={connection.status}>
          <span className="stepline-header__banner-icon" aria-hidden="true">
            {shown.tone === 'failed' ? '✕' : '⚠'}
          </span>{' '}
          {shown.banner}
        </p>
      )}
      {shown.banner !== undefined && shown.details !== undefined && (
        <p className="stepline-header__banner-details">{shown.details}</p>
      )}
      {connection.diagnosis && (
        <p className="stepline-header__diagnosis" data-diagnosis={connection.diagnosis.code}>
          {connection.diagnosis.message}
        </p>
      )}
    </header>
  );
}

/**
 * The run's status in words. Before anything is known of the run it is not "Not started": it is
 * "Loading…" while the first read is under way, and "Run not found" when the server does not know it.
 */
function RunStatusWords({
  status,
  connection,
  outcome,
}: {
  status: RunStatus;
  connection: ShownConnection;
  outcome: 'rejected' | 'ended-early' | undefined;
}) {
  if (status === 'pending' && connection.status === 'connecting') {
    return (
      <span className="stepline-status" data-status="loading" data-tone="neutral">
        <span className="stepline-status__text">Loading…</span>
      </span>
    );
  }
  if (status === 'pending' && connection.status === 'error' && connection.error?.code === 'not-found') {
    return (
      <span className="stepline-status" data-status="not-found" data-tone="danger">
        <span className="stepline-status__icon" aria-hidden="true">
          ?
        </span>
        <span className="stepline-status__text">Run not found</span>
      </span>
    );
  }
  return <StatusBadge kind="run" status={status} outcome={outcome} />;
}

/** "10:42:05", in the reader's time zone, after hydration (and once the clock's formats are ready). */
function StartTime({ at }: { at: number }) {
  const ready = useClockFormats();
  if (!ready) return <span className="stepline-header__started">—</span>;
  return (
    <time className="stepline-header__started" dateTime={new Date(at).toISOString()}>
      {formatClockTime(at, Date.now(), true)}
    </time>
  );
}

/**
 * The run's elapsed time: it keeps counting while the run runs or waits for a person, and is never
 * behind what a finished step already shows.
 */
function RunElapsed({ timing }: { timing: RunTiming }) {
  const now = useNow(!timing.ended);
  const ms = runElapsedMs(timing, now);
  if (ms === undefined || (!timing.ended && now === undefined)) {
    return <span className="stepline-header__elapsed">—</span>;
  }
  return (
    <time
      className="stepline-duration stepline-header__elapsed"
      dateTime={isoDuration(ms)}
      data-live={timing.ended ? undefined : 'true'}
    >
      {timing.ended ? formatDuration(ms) : formatLiveDuration(ms)}
    </time>
  );
}

/** What the header shows of the connection. */
type ShownConnection = Pick<ConnectionState, 'status' | 'attempt' | 'error' | 'diagnosis' | 'stalled'>;

function shownConnection(connection: ConnectionState): ShownConnection {
  return {
    status: connection.status,
    attempt: connection.attempt,
    error: connection.error,
    diagnosis: connection.diagnosis,
    stalled: connection.stalled,
  };
}

function shownConnectionEqual(a: ShownConnection, b: ShownConnection): boolean {
  return (
    a.status === b.status &&
    a.attempt === b.attempt &&
    a.error === b.error &&
    a.diagnosis === b.diagnosis &&
    a.stalled === b.stalled
  );
}
