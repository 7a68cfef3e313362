/**
 * A response body written piece by piece as the replay reaches each recorded chunk. It fails the way a
 * broken connection does in `fetch`: what was already sent is read first, then the next read rejects.
 */
export class ReplayBody {
  readonly stream: ReadableStream<Uint8Array>;
  private controller!: ReadableStreamDefaultController<Uint8Array>;
  private finished = false;
  private pendingError: { readonly error: unknown } | undefined;
  private readonly stopListeners = new Set<() => void>();

  constructor() {
    this.stream = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.controller = controller;
      },
      // Called when everything queued has been read: a pending failure can land now.
      pull: () => {
        const pending = this.pendingError;
        if (!pending) return;
        this.pendingError = undefined;
        this.controller.error(pending.error);
      },
      // The page went away (detach, unmount, abort): the "server" goes on, this body stops.
      cancel: () => this.finish(),
    });
  }

  /** False once the body is closed, failed or canceled by the reader. */
  get open(): boolean {
    return !this.finished;
  }

  onStop(listener: () => void): void {
    if (this.finished) listener();
    else this.stopListeners.add(listener);
  }

  write(bytes: Uint8Array): void {
    if (this.finished || bytes.length === 0) return;
    this.controller.enqueue(bytes.slice());
  }

  close(): void {
    if (this.finished) return;
    this.finish();
    this.controller.close();
  }

  /** Ends the body with `error` after the reader took what was already sent. */
  fail(error: unknown): void {
    if (this.finished) return;
    this.finish();
    if ((this.controller.desiredSize ?? 0) > 0) this.controller.error(error);
    else this.pendingError = { error };
  }

  private finish(): void {
    this.finished = true;
    for (const listener of this.stopListeners) listener();
    this.stopListeners.clear();
  }
}
