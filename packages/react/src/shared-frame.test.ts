import { afterEach, describe, expect, it, vi } from 'vitest';
import { nowOrNextFrame, onNextFrame } from './shared-frame';

describe('the shared frame schedule', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('still delivers in a hidden tab, where animation frames never come, about once a second', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const requests: FrameRequestCallback[] = [];
    // A hidden tab: frames are requested but never run.
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => requests.push(callback));
    vi.stubGlobal('cancelAnimationFrame', () => {});
    const delivered: string[] = [];
    onNextFrame(() => delivered.push('a'));
    onNextFrame(() => delivered.push('b'));
    expect(requests).toHaveLength(1);
    vi.advanceTimersByTime(999);
    expect(delivered).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(delivered).toEqual(['a', 'b']);
    // The frame counts as updated until the next one (or the next fallback): an urgent change waits.
    expect(nowOrNextFrame(() => delivered.push('urgent'))).toBeTypeOf('function');
    expect(delivered).toEqual(['a', 'b']);
    vi.advanceTimersByTime(1000);
    expect(delivered).toEqual(['a', 'b', 'urgent']);
  });
});
