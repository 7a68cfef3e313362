import {
  type ChunkHandlers,
  normalizeSnapshot,
  type RunReference,
  type RunSnapshot,
  type RunTransport,
  type StreamOptions,
  type WorkflowDetails,
} from '@stepline/client';
import { mastraSnapshotFromEvents } from '@stepline/client/testing';

/** The live stream the controller opened through `observeRun`, driven by the benchmark. */
export interface ScriptedStream {
  /** Hands over chunks as one network read. */
  push(chunks: readonly unknown[]): void;
  /** Hands over `chunks` at `perSecond`, one read per timer tick, as a busy server would; resolves with the read count. */
  pushAtRate(chunks: readonly unknown[], perSecond: number): Promise<number>;
  /** The server ends the stream (after `workflow-finish`). */
  end(): void;
}

export interface ScriptedTransport extends RunTransport {
  /** The next stream the controller opens. */
  nextStream(): Promise<ScriptedStream>;
}

/**
 * A `RunTransport` whose server is the benchmark: `getRun` answers with what Mastra would have stored for
 * the chunks sent so far (`mastraSnapshotFromEvents`), `observeRun` stays open and delivers whatever the
 * benchmark pushes. Everything goes through the same controller, store and hooks as a real server's stream.
 */
export function createScriptedTransport(options: {
  readonly workflowId: string;
  readonly runId: string;
  /** Chunks the run had produced before the view attached: `getRun` returns them as the stored run. */
  readonly history?: readonly unknown[];
}): ScriptedTransport {
  const sent: unknown[] = [...(options.history ?? [])];
  let ended = false;
  let stored: { length: number; ended: boolean; snapshot: RunSnapshot } | undefined;
  const waiting: ((stream: ScriptedStream) => void)[] = [];
  const opened: ScriptedStream[] = [];

  const notPartOfTheBenchmark = (what: string) =>
    Promise.reject(new Error(`${what} is not part of the React benchmark.`));

  return {
    nextStream() {
      const stream = opened.shift();
      if (stream) return Promise.resolve(stream);
      return new Promise((resolve) => waiting.push(resolve));
    },

    async getRun(run: RunReference): Promise<RunSnapshot> {
      // Kept while nothing was sent, so a warm-up call leaves the server's own work out of the timings.
      if (stored?.length !== sent.length || stored.ended !== ended) {
        const body = mastraSnapshotFromEvents(sent, {
          runId: run.runId,
          workflowId: run.workflowId,
          live: sent.length > 0 && !ended,
        });
        const snapshot = normalizeSnapshot(body);
        if (!snapshot.ok) throw snapshot.error;
        stored = { length: sent.length, ended, snapshot: snapshot.value };
      }
      return stored.snapshot;
    },

    observeRun(_run: RunReference, handlers: ChunkHandlers, streamOptions?: StreamOptions): Promise<void> {
      return new Promise((resolve) => {
        let open = true;
        const close = () => {
          open = false;
          resolve();
        };
        streamOptions?.signal?.addEventListener('abort', close, { once: true });
        handlers.onOpen?.();
        const push = (chunks: readonly unknown[]) => {
          if (!open || chunks.length === 0) return;
          for (const chunk of chunks) sent.push(chunk);
          handlers.onChunks([...chunks]);
        };
        const stream: ScriptedStream = {
          push,
          pushAtRate(chunks, perSecond) {
            return new Promise((done) => {
              const start = performance.now();
              let index = 0;
              let reads = 0;
              const tick = () => {
                const due = Math.min(
                  chunks.length,
                  Math.floor(((performance.now() - start) * perSecond) / 1000) + 1,
                );
                if (due > index) {
                  push(chunks.slice(index, due));
                  index = due;
                  reads++;
                }
                if (index < chunks.length && open) setTimeout(tick, 0);
                else done(reads);
              };
              tick();
            });
          },
          end() {
            ended = true;
            close();
          },
        };
        const waiter = waiting.shift();
        if (waiter) waiter(stream);
        else opened.push(stream);
      });
    },

    async getWorkflow(workflowId: string): Promise<WorkflowDetails> {
      return { id: workflowId, name: undefined, description: undefined, steps: {}, stepGraph: [] };
    },

    createRun: () => notPartOfTheBenchmark('createRun'),
    streamRun: () => notPartOfTheBenchmark('streamRun'),
    resumeRun: () => notPartOfTheBenchmark('resumeRun'),
    cancelRun: () => notPartOfTheBenchmark('cancelRun'),
    listRuns: () => notPartOfTheBenchmark('listRuns'),
  };
}
