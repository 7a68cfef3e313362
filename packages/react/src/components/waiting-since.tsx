import type { ReactNode } from 'react';
import { useNow } from './clock';
import { useClockFormats } from './clock-formats';
import { formatClockTime, formatWaited } from './clock-time';

export interface WaitingSinceProps {
  /** When the wait began (a step's `suspendedAt`). */
  readonly since: number | undefined;
  /** The words before the time. Default "Waiting since". */
  readonly label?: string;
  readonly className?: string;
}

/**
 * "Waiting since 10:42 (3 min)", counting up while shown. The clock time is the reader's own; it appears
 * after hydration (the server does not know the reader's time zone), so server and client agree, and
 * once the clock's formats are ready (`useClockFormats`).
 *
 * @example
 * <WaitingSince since={step.suspendedAt} label="Waiting for approval since" />
 */
export function WaitingSince({ since, label = 'Waiting since', className }: WaitingSinceProps): ReactNode {
  const now = useNow(since !== undefined);
  const ready = useClockFormats();
  if (since === undefined || now === undefined || !ready) return null;
  return (
    <span className={className ? `stepline-waiting ${className}` : 'stepline-waiting'}>
      {label} <time dateTime={new Date(since).toISOString()}>{formatClockTime(since, now)}</time> (
      {formatWaited(Math.max(now, since) - since)})
    </span>
  );
}
