import type { ReactNode } from 'react';
import { useNow } from './clock';
import { formatDuration, formatLiveDuration, isoDuration } from './format';

export interface DurationProps {
  readonly startedAt: number | undefined;
  /** When it ended; while undefined and `live`, the duration grows once a second. */
  readonly endedAt: number | undefined;
  /** Still going: count up to now. */
  readonly live: boolean;
  readonly className?: string;
  /** Shown while there is no time to show (not started, or live before hydration). Default nothing. */
  readonly fallback?: ReactNode;
}

/**
 * How long something took, or has taken so far: `4.2 s` once ended, whole seconds while counting (`< 1 s`,
 * `3 s`: never "0 ms" for a step that just started). Updates at most once a second, only while live,
 * and only in the browser (the server renders nothing for a running step, so hydration matches).
 * @example
 * <Duration startedAt={step.startedAt} endedAt={step.endedAt} live={step.status === 'running'} />
 */
export function Duration({ startedAt, endedAt, live, className, fallback = null }: DurationProps) {
  const ticking = live && endedAt === undefined && startedAt !== undefined;
  const now = useNow(ticking);
  if (startedAt === undefined) return fallback;
  const end = endedAt ?? (ticking ? now : undefined);
  if (end === undefined) return fallback;
  const ms = Math.max(0, end - startedAt);
  return (
    <time
      className={className ? `stepline-duration ${className}` : 'stepline-duration'}
      dateTime={isoDuration(ms)}
      data-live={ticking ? 'true' : undefined}
    >
      {ticking ? formatLiveDuration(ms) : formatDuration(ms)}
    </time>
  );
}
