import type { WorkflowDetails } from '../transport/run-transport';
import { SteplineError } from '../util/stepline-error';
import { Subscribable } from '../util/subscribable';

/** Where a workflow's details stand: not read yet (or being read), read, or unreadable. */
export type WorkflowDetailsState =
  | { readonly status: 'pending'; readonly data: undefined; readonly error: undefined }
  | { readonly status: 'success'; readonly data: WorkflowDetails; readonly error: undefined }
  | { readonly status: 'error'; readonly data: undefined; readonly error: SteplineError };

const pending: WorkflowDetailsState = { status: 'pending', data: undefined, error: undefined };

/**
 * A workflow's details (`GET /workflows/:id`: step descriptions, schemas, graph), read once and shared
 * by every run of the workflow in a controller cache. It lives in the client, not in a React query
 * cache, so a view that only shows runs needs no query library; `getSnapshot` is stable until the read
 * settles, as `useSyncExternalStore` expects.
 *
 * A failed read is tried once more after `retryDelayMs`; after that the state is `error` until the next
 * `load()` (a view mounting again) tries again.
 *
 * @example
 * const details = new WorkflowDetailsStore((signal) => transport.getWorkflow('content-brief', { signal }));
 * details.subscribe(() => console.log(details.getSnapshot().status));
 * await details.load();
 */
export class WorkflowDetailsStore extends Subscribable {
  #state: WorkflowDetailsState = pending;
  #reading: Promise<WorkflowDetails> | undefined;

  readonly #read: () => Promise<WorkflowDetails>;
  readonly #retryDelayMs: number;

  constructor(read: () => Promise<WorkflowDetails>, retryDelayMs = 1000) {
    super();
    this.#read = read;
    this.#retryDelayMs = retryDelayMs;
    this.getSnapshot = this.getSnapshot.bind(this);
  }

  getSnapshot(): WorkflowDetailsState {
    return this.#state;
  }

  /** The details, read now unless already read or being read. Rejects with a `SteplineError`. */
  load(): Promise<WorkflowDetails> {
    if (this.#state.status === 'success') return Promise.resolve(this.#state.data);
    this.#reading ??= this.#read()
      .catch(() => new Promise((resolve) => setTimeout(resolve, this.#retryDelayMs)).then(this.#read))
      .then(
        (data) => {
          this.#reading = undefined;
          this.#set({ status: 'success', data, error: undefined });
          return data;
        },
        (error: unknown) => {
          this.#reading = undefined;
          const failure = SteplineError.isInstance(error)
            ? error
            : new SteplineError('network', (error as Error)?.message ?? String(error), { cause: error });
          this.#set({ status: 'error', data: undefined, error: failure });
          throw failure;
        },
      );
    return this.#reading;
  }

  #set(state: WorkflowDetailsState): void {
    this.#state = state;
    for (const listener of this.listeners) listener();
  }
}
