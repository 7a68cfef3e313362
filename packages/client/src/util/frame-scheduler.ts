/**
 * The frame lane of Stepline's notifications: one frame request for every store of the page, and at most
 * one delivery per frame. A binding supplies the frames (React: `requestAnimationFrame`); until it does,
 * there are none and stores notify after a microtask, as under Node.
 *
 * Why one lane for the page: each frame callback is its own task to a renderer, so a hundred stores (or a
 * hundred subscribed rows) asking for a hundred frames would commit a hundred times per frame; called
 * from one callback, their updates are one render and one commit. A change that should not wait (the
 * run's status, the connection) goes at once, taking everything waiting with it, unless the page
 * already updated in this frame: then it joins the next one, a frame later at most.
 */

import { framedPage } from './framed-page';

/** Asks for `callback` at the next frame; returns a cancel function. */
export type FrameRequest = (callback: () => void) => () => void;

export interface FrameScheduler {
  /** A binding has supplied frames: stores deliver through this lane instead of at once. */
  readonly framed: boolean;
  /**
   * Calls `flush` at the next frame with everything else waiting for it, or at once while an urgent
   * delivery is under way in this task (it lands in that same commit). Returns a cancel function when it
   * has to wait.
   */
  schedule(flush: () => void): (() => void) | undefined;
  /**
   * Calls `flush` now, with everything waiting for the next frame, unless the page already updated in
   * this frame; then at the next frame. Returns a cancel function when it has to wait.
   */
  scheduleUrgent(flush: () => void): (() => void) | undefined;
  /** The binding's frames; `undefined` turns the lane off (stores notify at once again). */
  setFrameRequest(request: FrameRequest | undefined): void;
}

export interface FrameSchedulerOptions {
  /**
   * Hidden tabs get no frames, but their timers still run (throttled): a run must not stall, so a frame
   * is assumed after this long. Default 1 s.
   */
  readonly hiddenFallbackMs?: number;
}

class PageFrameScheduler implements FrameScheduler {
  #request: FrameRequest | undefined;
  readonly #waiting = new Set<() => void>();
  #requested = false;
  /** Something was delivered since the current frame began. */
  #deliveredThisFrame = false;
  /** An urgent delivery is under way in this task: other changes of this task join it. */
  #deliveringNow = false;
  readonly #hiddenFallbackMs: number;

  constructor(options: FrameSchedulerOptions) {
    this.#hiddenFallbackMs = options.hiddenFallbackMs ?? 1_000;
  }

  get framed(): boolean {
    return this.#request !== undefined;
  }

  setFrameRequest(request: FrameRequest | undefined): void {
    this.#request = request;
    // Stores find the page's lane here once it has frames (they do not import the lane: see framed-page.ts).
    if (this === frameScheduler) framedPage.lane = request ? this : undefined;
  }

  schedule(flush: () => void): (() => void) | undefined {
    if (this.#deliveringNow) {
      flush();
      return undefined;
    }
    return this.#enqueue(flush);
  }

  scheduleUrgent(flush: () => void): (() => void) | undefined {
    if (this.#deliveredThisFrame && !this.#deliveringNow) return this.#enqueue(flush);
    if (!this.#deliveringNow) {
      // Everything notified in this task goes now too: a renderer batches it into one commit, in a
      // microtask. After that the frame counts as updated.
      this.#deliveringNow = true;
      queueMicrotask(() => {
        this.#deliveringNow = false;
      });
    }
    this.#waiting.add(flush);
    this.#deliverWaiting();
    return undefined;
  }

  #enqueue(flush: () => void): () => void {
    // A wrapper per call, so the same function scheduled twice is two entries and one cancel removes one.
    const entry = () => flush();
    this.#waiting.add(entry);
    this.#requestFrame();
    return () => {
      this.#waiting.delete(entry);
    };
  }

  #requestFrame(): void {
    if (this.#requested) return;
    this.#requested = true;
    let cancelFrame: (() => void) | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      cancelFrame?.();
      clearTimeout(timer);
      this.#requested = false;
      this.#startFrame();
    };
    timer = setTimeout(run, this.#hiddenFallbackMs);
    // Without frames (the binding turned them off meanwhile) a microtask ends the "frame".
    if (this.#request) cancelFrame = this.#request(run);
    else queueMicrotask(run);
  }

  #startFrame(): void {
    this.#deliveredThisFrame = false;
    if (this.#waiting.size > 0) this.#deliverWaiting();
  }

  #deliverWaiting(): void {
    const flushes = [...this.#waiting];
    this.#waiting.clear();
    this.#deliveredThisFrame = true;
    // The next frame tells when this one is over.
    this.#requestFrame();
    for (const flush of flushes) flush();
  }
}

/**
 * A frame lane of its own, e.g. for a test. Stores use the page's shared `frameScheduler` by default.
 * @example
 * const frames = createFrameScheduler();
 * frames.setFrameRequest((callback) => { const id = requestAnimationFrame(callback); return () => cancelAnimationFrame(id); });
 */
export function createFrameScheduler(options: FrameSchedulerOptions = {}): FrameScheduler {
  return new PageFrameScheduler(options);
}

/**
 * The page's frame lane, shared by every store and connection. A binding configures it once:
 * @example
 * frameScheduler.setFrameRequest((callback) => {
 *   const id = requestAnimationFrame(() => callback());
 *   return () => cancelAnimationFrame(id);
 * });
 */
export const frameScheduler: FrameScheduler = /* @__PURE__ */ createFrameScheduler();
