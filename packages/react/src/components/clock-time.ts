/**
 * A moment as people read it on a run page: `10:42` today, `Mon 10:42` within the week, `3 Nov 10:42`
 * before. In the reader's own time zone and locale conventions for the hour (24 h unless the locale
 * says otherwise).
 *
 * @example
 * formatClockTime(Date.now()); // '10:42'
 */
export function formatClockTime(at: number, now: number = Date.now(), seconds = false): string {
  const date = new Date(at);
  const time = formatter(seconds ? 'timeWithSeconds' : 'time').format(date);
  const today = new Date(now);
  if (date.toDateString() === today.toDateString()) return time;
  const days = Math.abs(now - at) / 86_400_000;
  if (days < 6) return `${formatter('weekday').format(date)} ${time}`;
  return `${formatter('dayAndMonth').format(date)} ${time}`;
}

const formatOptions = {
  time: { hour: '2-digit', minute: '2-digit' },
  timeWithSeconds: { hour: '2-digit', minute: '2-digit', second: '2-digit' },
  weekday: { weekday: 'short' },
  dayAndMonth: { day: 'numeric', month: 'short' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

const formatters: { [shape in keyof typeof formatOptions]?: Intl.DateTimeFormat } = {};

// `toLocaleTimeString(locale, options)` builds a new Intl.DateTimeFormat on every call, and the first one
// in a page loads the locale's data: in Chromium ~40 ms inside the first commit that shows a time (a long
// task when an answer starts streaming). One formatter per shape, made when first asked for, costs that
// once and then nothing per row.
function formatter(shape: keyof typeof formatOptions): Intl.DateTimeFormat {
  formatters[shape] ??= new Intl.DateTimeFormat(undefined, formatOptions[shape]);
  return formatters[shape];
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

let prepared = false;

/**
 * Makes the clock's formatters in idle time, once per page, so the locale data they load (tens of ms in
 * Chromium, the first time anything on the page formats a date) is not paid inside the commit that first
 * shows a start time. The run header calls it when it mounts, while the run is still being read.
 */
export function prepareClockFormats(): void {
  if (prepared || typeof window === 'undefined') return;
  prepared = true;
  const make = () => formatter('time') && formatter('timeWithSeconds');
  // Safari before 18 has no requestIdleCallback.
  if (typeof requestIdleCallback === 'function') requestIdleCallback(make, { timeout: 1000 });
  else setTimeout(make, 0);
}
