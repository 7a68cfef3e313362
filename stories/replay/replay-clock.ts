import { onReplaySpeedChange, speedFactor } from './replay-speed';

/**
 * The recording's own time ("virtual" ms since the scenario started, the clock of `manifest.json`), driven
 * by the page's clock at the toolbar's speed. It stops at the next *gate*: the moment the recorder acted
 * (resumed a step, canceled the run), which in a story is a click; opening the gate lets it run on.
 */
export class ReplayClock {
  private anchorReal = performance.now();
  private anchorVirtual: number;
  private cap: number;
  private factor = speedFactor();
  private disposed = false;
  private readonly waiters = new Set<() => void>();
  private readonly unsubscribe: () => void;

  constructor(startAt: number, cap: number) {
    this.anchorVirtual = startAt;
    this.cap = cap;
    this.unsubscribe = onReplaySpeedChange(() => {
      this.reanchor(this.now());
      this.factor = speedFactor();
      this.wake();
    });
  }

  /** Virtual ms now: never past the next gate. */
  now(): number {
    if (!Number.isFinite(this.factor)) return this.cap;
    return Math.min(this.cap, this.anchorVirtual + (performance.now() - this.anchorReal) * this.factor);
  }

  /** Where the clock waits for the next action (`Infinity`: nothing left to wait for). */
  get gate(): number {
    return this.cap;
  }

  /** Moves forward to `at` (never back) and sets where it stops next. */
  advanceTo(at: number, cap: number = this.cap): void {
    this.cap = cap;
    this.reanchor(Math.min(cap, Math.max(this.now(), at)));
    this.wake();
  }

  setGate(cap: number): void {
    const now = this.now();
    this.cap = cap;
    this.reanchor(Math.min(now, cap));
    this.wake();
  }

  /**
   * Resolves once the clock reaches `at` (true), or when the clock is disposed (false). In instant mode it
   * still yields a task between calls, so chunks due together arrive as separate network reads.
   */
  async until(at: number): Promise<boolean> {
    for (;;) {
      if (this.disposed) return false;
      const now = this.now();
      if (now >= at) {
        if (!Number.isFinite(this.factor)) await new Promise((resolve) => setTimeout(resolve, 0));
        return !this.disposed;
      }
      const reachable = at <= this.cap && Number.isFinite(this.factor);
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.waiters.delete(done);
          resolve();
        };
        const timer = reachable ? setTimeout(done, Math.max(0, (at - now) / this.factor)) : undefined;
        this.waiters.add(done);
      });
    }
  }

  dispose(): void {
    this.disposed = true;
    this.unsubscribe();
    this.wake();
  }

  private reanchor(virtual: number): void {
    this.anchorVirtual = virtual;
    this.anchorReal = performance.now();
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
