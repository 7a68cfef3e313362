import { type ConnectionState, isTerminalRunStatus, type RunStatus } from '@stepline/client';
import type { ReactNode } from 'react';
import { describeConnection } from './format';

/**
 * How much the connection matters to the reader right now:
 * - `none`: nothing to say (the run ended, or nobody watches it);
 * - `quiet`: all is well (live, connecting, or checking a run that waits for a person);
 * - `degraded`: updates may be late (reconnecting, offline, polling a run that should be streaming);
 * - `failed`: it will not recover by itself.
 */
export type ConnectionTone = 'none' | 'quiet' | 'degraded' | 'failed';

export interface ConnectionPresentation {
  readonly tone: ConnectionTone;
  /** The short words beside the dot. */
  readonly text: string;
  /** For `degraded` and `failed`: the sentence of the banner under the header. */
  readonly banner: string | undefined;
  /** For `failed`: what the client or server said exactly (`GET …/runs/r1 answered 404: …`), for a details line. */
  readonly details?: string;
}

/** Runs that wait for something outside: no stream is expected, checking now and then is normal. */
function waitsOutside(runStatus: RunStatus): boolean {
  return runStatus === 'suspended' || runStatus === 'paused' || runStatus === 'waiting';
}

/**
 * What the view says about the connection: a small dot while all is well, a banner only when updates
 * may be late, nothing once the run ended. Polling a run that waits for a person is the normal state,
 * not a warning.
 *
 * @example
 * connectionPresentation({ status: 'polling', attempt: 0, error: undefined }, 'suspended');
 * // { tone: 'quiet', text: 'Watching for changes', banner: undefined }
 */
export function connectionPresentation(
  connection: Pick<ConnectionState, 'status' | 'attempt' | 'error'>,
  runStatus: RunStatus,
): ConnectionPresentation {
  const quiet = (text: string): ConnectionPresentation => ({ tone: 'quiet', text, banner: undefined });
  if (isTerminalRunStatus(runStatus)) return { tone: 'none', text: '', banner: undefined };
  switch (connection.status) {
    case 'idle':
    case 'closed':
      return { tone: 'none', text: '', banner: undefined };
    case 'connecting':
      return quiet('Connecting…');
    case 'live':
      return quiet('Live');
    case 'polling':
      return waitsOutside(runStatus) || runStatus === 'pending'
        ? quiet('Watching for changes')
        : {
            tone: 'degraded',
            text: 'Polling for changes',
            banner: 'Live updates are unavailable: checking the server for changes every few seconds.',
          };
    case 'reconnecting':
    case 'offline': {
      const text = describeConnection(connection, runStatus);
      return { tone: 'degraded', text, banner: `${text} Updates may be late.` };
    }
    case 'error': {
      const text = describeConnection(connection, runStatus);
      const banner =
        connection.error?.code === 'not-found'
          ? 'Run not found: the server does not know this run. Check the link, or start a new run.'
          : `${text}.`;
      return {
        tone: 'failed',
        text,
        banner,
        ...(connection.error?.message ? { details: connection.error.message } : {}),
      };
    }
    default:
      return quiet(String(connection.status));
  }
}

export interface ConnectionIndicatorProps {
  readonly connection: Pick<ConnectionState, 'status' | 'attempt' | 'error'>;
  readonly runStatus: RunStatus;
  readonly className?: string;
}

/**
 * The small live dot with its word ("Live", "Watching for changes", "Reconnecting (attempt 2)…");
 * nothing once the run ended. The dot repeats the words, it never replaces them.
 *
 * @example
 * <ConnectionIndicator connection={connection} runStatus={run.status} />
 */
export function ConnectionIndicator({
  connection,
  runStatus,
  className,
}: ConnectionIndicatorProps): ReactNode {
  const shown = connectionPresentation(connection, runStatus);
  if (shown.tone === 'none') return null;
  return (
    <span
      className={className ? `stepline-connection ${className}` : 'stepline-connection'}
      data-connection={connection.status}
      data-tone={shown.tone}
      data-attempt={connection.attempt > 0 ? connection.attempt : undefined}
    >
      <span className="stepline-connection__dot" aria-hidden="true" />
      <span className="stepline-connection__text">{shown.text}</span>
    </span>
  );
}
