import { describe, expect, it } from 'vitest';
import { formatClockTime } from './clock-time';

// What formatClockTime said when it asked Date's own locale methods on every call; the cached
// formatters must say the same in every branch.
function asDateSays(at: number, now: number, seconds = false): string {
  const date = new Date(at);
  const time = date.toLocaleTimeString(undefined, {
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
  });
  if (date.toDateString() === new Date(now).toDateString()) return time;
  if (Math.abs(now - at) / 86_400_000 < 6)
    return `${date.toLocaleDateString(undefined, { weekday: 'short' })} ${time}`;
  return `${date.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })} ${time}`;
}

describe('formatClockTime', () => {
  const now = new Date(2026, 10, 30, 15, 4, 5).getTime();
  const cases = [
    ['earlier today', new Date(2026, 10, 30, 9, 7, 3).getTime()],
    ['three days ago', new Date(2026, 10, 27, 23, 59, 59).getTime()],
    ['last month', new Date(2026, 9, 2, 0, 0, 1).getTime()],
    ['next year', new Date(2027, 0, 1, 12, 0, 0).getTime()],
  ] as const;

  it.each(cases)('%s: the same words as Date says, with and without seconds', (_, at) => {
    expect(formatClockTime(at, now)).toBe(asDateSays(at, now));
    expect(formatClockTime(at, now, true)).toBe(asDateSays(at, now, true));
  });

  it('shows seconds only when asked', () => {
    const at = new Date(2026, 10, 30, 9, 7, 3).getTime();
    expect(formatClockTime(at, now, true)).toMatch(/03/);
    expect(formatClockTime(at, now)).not.toMatch(/:03|\.03/);
  });
});
