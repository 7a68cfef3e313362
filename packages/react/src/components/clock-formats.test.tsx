import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// Each case gets a fresh module: the warm-up happens once per page.
async function freshModule() {
  vi.resetModules();
  return import('./clock-formats');
}

/** A stand-in for the browser's Worker: records what was started and lets the case answer for it. */
class FakeWorker {
  static started: FakeWorker[] = [];
  onmessage: (() => void) | null = null;
  onerror: ((event: { preventDefault(): void }) => void) | null = null;
  terminated = false;
  constructor(readonly url: string) {
    FakeWorker.started.push(this);
  }
  terminate() {
    this.terminated = true;
  }
}

describe('prepareClockFormats', () => {
  let idle: (() => void)[];
  beforeEach(() => {
    FakeWorker.started = [];
    idle = [];
    vi.stubGlobal('requestIdleCallback', (work: () => void) => idle.push(work));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('has a worker load the locale data, then makes its formatters on the page in one go, once', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const { prepareClockFormats } = await freshModule();
    const made = vi.spyOn(Intl, 'DateTimeFormat');
    prepareClockFormats();
    prepareClockFormats();
    expect(FakeWorker.started).toHaveLength(1);
    // Nothing on the page's thread until the worker has paid for the locale set.
    expect(made).not.toHaveBeenCalled();
    const [worker] = FakeWorker.started;
    worker!.onmessage!();
    expect(made).toHaveBeenCalledTimes(2);
    expect(worker!.terminated).toBe(true);
    expect(idle).toHaveLength(0);
  });

  it('falls back to idle time when the worker is refused (a Content-Security-Policy)', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const { prepareClockFormats } = await freshModule();
    const made = vi.spyOn(Intl, 'DateTimeFormat');
    prepareClockFormats();
    const prevented = vi.fn();
    FakeWorker.started[0]!.onerror!({ preventDefault: prevented });
    expect(prevented).toHaveBeenCalled();
    expect(made).not.toHaveBeenCalled();
    expect(idle).toHaveLength(1);
    idle[0]!();
    expect(made).toHaveBeenCalledTimes(2);
  });

  it('falls back to idle time when a worker cannot even be made', async () => {
    vi.stubGlobal(
      'Worker',
      class {
        constructor() {
          throw new DOMException('Refused by the policy', 'SecurityError');
        }
      },
    );
    const { prepareClockFormats } = await freshModule();
    prepareClockFormats();
    expect(idle).toHaveLength(1);
  });

  it('gives up on a worker that never answers', async () => {
    // Timers only: the idle callback stays the case's own.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    vi.stubGlobal('Worker', FakeWorker);
    const { prepareClockFormats } = await freshModule();
    prepareClockFormats();
    vi.advanceTimersByTime(4_999);
    expect(idle).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(idle).toHaveLength(1);
    expect(FakeWorker.started[0]!.terminated).toBe(true);
  });

  it('once ready, a late timer changes nothing', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    vi.stubGlobal('Worker', FakeWorker);
    const { prepareClockFormats } = await freshModule();
    prepareClockFormats();
    FakeWorker.started[0]!.onmessage!();
    vi.advanceTimersByTime(5_000);
    expect(idle).toHaveLength(0);
  });

  it('after a refused worker, the give-up timer does not fall back a second time', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    vi.stubGlobal('Worker', FakeWorker);
    const { prepareClockFormats } = await freshModule();
    prepareClockFormats();
    FakeWorker.started[0]!.onerror!({ preventDefault() {} });
    vi.advanceTimersByTime(5_000);
    expect(idle).toHaveLength(1);
  });
});

// The hook of the case's fresh module.
let useReady: () => boolean = () => false;
function Shown() {
  return <span>{useReady() ? 'ready' : 'waiting'}</span>;
}

describe('useClockFormats', () => {
  const actEnvironment = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
  beforeEach(() => {
    actEnvironment.IS_REACT_ACT_ENVIRONMENT = true;
  });
  afterEach(() => {
    delete actEnvironment.IS_REACT_ACT_ENVIRONMENT;
    vi.unstubAllGlobals();
  });

  it('is false on the server and until the formats are ready, then true', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    FakeWorker.started = [];
    ({ useClockFormats: useReady } = await freshModule());
    expect(renderToString(<Shown />)).toContain('waiting');
    expect(FakeWorker.started).toHaveLength(0);

    const container = document.createElement('div');
    const root = createRoot(container);
    await act(async () => root.render(<Shown />));
    expect(container.textContent).toBe('waiting');
    // Subscribing started the warm-up.
    expect(FakeWorker.started).toHaveLength(1);
    await act(async () => {
      FakeWorker.started[0]!.onmessage!();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(container.textContent).toBe('ready');
    await act(async () => root.unmount());
  });
});
