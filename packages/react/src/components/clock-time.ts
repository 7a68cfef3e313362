import { clockFormatter } from './clock-formats';

/**
 * A moment as people read it on a run page: `10:42` today, `Mon 10:42` within the week, `3 Nov 10:42`
 * before. In the reader's own time zone and locale conventions for the hour (24 h unless the locale
 * says otherwise).
 *
 * @example
 * formatClockTime(Date.now()); // '10:42'
 *
 * What renders a time checks `useClockFormats()` first: the first formatter of a page is costly (see
 * clock-formats.ts).
 */
export function formatClockTime(at: number, now: number = Date.now(), seconds = false): string {
  const date = new Date(at);
  const time = clockFormatter(seconds ? 'timeWithSeconds' : 'time').format(date);
  const today = new Date(now);
  if (date.toDateString() === today.toDateString()) return time;
  const days = Math.abs(now - at) / 86_400_000;
  if (days < 6) return `${clockFormatter('weekday').format(date)} ${time}`;
  return `${clockFormatter('dayAndMonth').format(date)} ${time}`;
}

/**
 * How long ago, coarse, for "since 10:42 (3 min)": seconds under a minute, then minutes, hours, days.
 *
 * @example
 * formatWaited(185_000); // '3 min'
 */
export function formatWaited(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return seconds < 1 ? 'just now' : `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 > 0 && hours < 10 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  return `${Math.floor(hours / 24)} days`;
}
