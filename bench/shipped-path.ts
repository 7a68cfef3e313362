// Stepline on the path an app runs: bytes from `fetch` through the default HTTP transport and the run
// controller (stored run, live stream, re-read at the end) into its store.
import {
  createMastraHttpTransport,
  createRunController,
  createRunStore,
  isTerminalRunStatus,
  synchronousScheduler,
} from '@stepline/client';

/** A response body that hands over one piece per read, as the network does. */
export function bodyOf(pieces: readonly Uint8Array[], onEnd?: () => void): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream({
    pull(controller) {
      if (index < pieces.length) controller.enqueue(pieces[index++]!);
      else {
        controller.close();
        onEnd?.();
      }
    },
  });
}

export interface ShippedRunOptions {
  /** The stored run's `steps` as `getRun` answers, before the stream and after it (default: none). */
  readonly storedSteps?: Record<string, unknown>;
  /** The run's id: the controller drops chunks of any other run (default `bench-run`, the generator's). */
  readonly runId?: string;
}

/**
 * Mastra is played by a `fetch` that serves the stored run and, on `observe`, the stream body in the given
 * pieces. Returns the store's state once everything sent is in it.
 */
export async function steplineShipped(pieces: readonly Uint8Array[], options: ShippedRunOptions = {}) {
  let streamed = false;
  let bodyEnded = () => {};
  const runId = options.runId ?? 'bench-run';
  const fetch = async (input: string | URL | Request) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.includes('/observe')) {
      streamed = true;
      return new Response(
        bodyOf(pieces, () => bodyEnded()),
        { headers: { 'content-type': 'text/plain' } },
      );
    }
    // The stored run: running before the stream, finished after it (the controller re-reads at the end).
    return Response.json({
      runId,
      workflowName: 'bench',
      status: streamed ? 'success' : 'running',
      steps: options.storedSteps ?? {},
    });
  };
  const store = createRunStore({ scheduler: synchronousScheduler });
  const controller = createRunController({
    transport: createMastraHttpTransport({
      baseUrl: 'http://bench.local',
      fetch: fetch as typeof globalThis.fetch,
    }),
    workflowId: 'bench',
    runId,
    store,
  });
  // Done when the controller has nothing more to read now: `watch()` resolves once the run is over and
  // re-read. A recorded segment that ends with the run suspended (or cut off mid-run) leaves the
  // controller waiting for a person or a reconnect (2 s later), which is not ingest: there, done is the
  // body read to its end and handed to the store.
  await new Promise<void>((resolve, reject) => {
    bodyEnded = () =>
      setImmediate(() => {
        if (!isTerminalRunStatus(store.getSnapshot().status)) resolve();
      });
    controller.watch().then(resolve, reject);
  });
  controller.detach();
  return store.getSnapshot();
}
