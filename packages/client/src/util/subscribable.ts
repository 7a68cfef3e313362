export type Listener = () => void;

/**
 * The one observable shape Stepline uses, the shape `useSyncExternalStore` expects: `subscribe` returns an
 * unsubscribe function. Bound in the constructor so it can be passed around unbound.
 */
export class Subscribable<TListener extends (...args: never[]) => void = Listener> {
  protected readonly listeners = new Set<TListener>();

  constructor() {
    this.subscribe = this.subscribe.bind(this);
  }

  subscribe(listener: TListener): () => void {
    this.listeners.add(listener);
    this.onSubscribe();
    return () => {
      this.listeners.delete(listener);
      this.onUnsubscribe();
    };
  }

  hasListeners(): boolean {
    return this.listeners.size > 0;
  }

  protected onSubscribe(): void {}

  protected onUnsubscribe(): void {}
}
