import { type ConnectionState, isTerminalRunStatus, type RunState, type RunStatus } from '@stepline/client';
import { type ReactNode, useState } from 'react';
import { useRunConnection } from '../hooks/use-run-connection';
import { useWorkflowDetails } from '../hooks/use-workflow-details';
import { useRunController, useRunSelector, useRunStatus } from '../run-scope';
import { Duration } from './duration';
import { describeConnection } from './format';
import { StatusBadge } from './status-badge';

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

const connectionIcons: Record<ConnectionState['status'], string> = {
  idle: '○',
  connecting: '…',
  live: '●',
  reconnecting: '↻',
  polling: '⟳',
  offline: '⚠',
  closed: '○',
  error: '✕',
};

/**
 * The run at a glance: its status in words, elapsed time, the connection in words ("Live",
 * "Reconnecting (attempt 2)…", "Offline — retrying", "Polling for changes") and a cancel button that
 * reads "Cancelling…" until the server confirms.
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
  const controller = useRunController('RunHeader');
  const status = useRunStatus();
  const connection = useRunConnection(shownConnection, shownConnectionEqual);
  const timing = useRunSelector(runTiming, timingEqual);
  const workflowId = useRunSelector((run) => run.workflowId);
  const runId = useRunSelector((run) => run.runId);
  const details = useWorkflowDetails();
  const [cancelError, setCancelError] = useState<string | undefined>(undefined);
  const Heading = `h${headingLevel}` as const;
  const cancellable = showCancel && status !== 'pending' && !isTerminalRunStatus(status);
  const connectionText = describeConnection(connection, status);

  const cancel = () => {
    setCancelError(undefined);
    controller.cancel().catch((error: unknown) => {
      setCancelError(error instanceof Error ? error.message : String(error));
    });
  };

  return (
    <header
      className={className ? `stepline-header ${className}` : 'stepline-header'}
      data-status={status}
      data-connection={connection.status}
    >
      <div className="stepline-header__titles">
        <Heading className="stepline-header__title">{title ?? workflowId ?? 'Workflow run'}</Heading>
        {details?.description && <p className="stepline-header__description">{details.description}</p>}
      </div>
      <dl className="stepline-header__facts">
        <div className="stepline-header__fact">
          <dt>Status</dt>
          <dd>
            <StatusBadge kind="run" status={status} />
          </dd>
        </div>
        {timing.startedAt !== undefined && (
          <div className="stepline-header__fact">
            <dt>Elapsed</dt>
            <dd>
              <Duration
                className="stepline-header__elapsed"
                startedAt={timing.startedAt}
                endedAt={isLive(status) ? undefined : timing.endedAt}
                live={isLive(status)}
                fallback="—"
              />
            </dd>
          </div>
        )}
        <div className="stepline-header__fact">
          <dt>Connection</dt>
          <dd>
            <span
              className="stepline-connection"
              data-connection={connection.status}
              data-attempt={connection.attempt > 0 ? connection.attempt : undefined}
            >
              <span className="stepline-connection__icon" aria-hidden="true">
                {connectionIcons[connection.status] ?? '○'}
              </span>{' '}
              <span className="stepline-connection__text">{connectionText}</span>
            </span>
          </dd>
        </div>
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
          {cancellable && (
            <button
              type="button"
              className="stepline-button stepline-header__cancel"
              data-tone="negative"
              disabled={connection.cancelling}
              onClick={cancel}
            >
              {connection.cancelling ? 'Cancelling…' : 'Cancel run'}
            </button>
          )}
          {children}
        </div>
      )}
      {cancelError !== undefined && (
        <p className="stepline-header__error" role="alert">
          Could not cancel the run: {cancelError}
        </p>
      )}
    </header>
  );
}

/** What the header shows of the connection: not `lastEventAt`, which changes with every chunk. */
type ShownConnection = Pick<ConnectionState, 'status' | 'attempt' | 'error' | 'cancelling'>;

function shownConnection(connection: ConnectionState): ShownConnection {
  return {
    status: connection.status,
    attempt: connection.attempt,
    error: connection.error,
    cancelling: connection.cancelling,
  };
}

function shownConnectionEqual(a: ShownConnection, b: ShownConnection): boolean {
  return (
    a.status === b.status && a.attempt === b.attempt && a.error === b.error && a.cancelling === b.cancelling
  );
}

function isLive(status: RunStatus): boolean {
  return status === 'running' || status === 'waiting';
}

interface RunTiming {
  readonly startedAt: number | undefined;
  readonly endedAt: number | undefined;
}

/** From the first step's start to the latest end (or suspension) of any step. */
function runTiming(run: RunState): RunTiming {
  let startedAt: number | undefined;
  let endedAt: number | undefined;
  for (const id of run.stepIds) {
    const step = run.steps.get(id)!;
    if (step.startedAt !== undefined && (startedAt === undefined || step.startedAt < startedAt)) {
      startedAt = step.startedAt;
    }
    const end = step.endedAt ?? step.suspendedAt;
    if (end !== undefined && (endedAt === undefined || end > endedAt)) endedAt = end;
  }
  return { startedAt, endedAt };
}

function timingEqual(a: RunTiming, b: RunTiming): boolean {
  return a.startedAt === b.startedAt && a.endedAt === b.endedAt;
}
