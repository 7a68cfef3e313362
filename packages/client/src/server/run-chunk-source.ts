import type { RunChunkSource } from '../wire/chunk-source';

export type { RunChunkSource } from '../wire/chunk-source';

export interface RunChunkSourceContext {
  /**
   * The last event id the client has (from `Last-Event-ID`), undefined on a first connection. A factory
   * can use it to pick the upstream call: start the run on a first connection, `observe` it on a
   * reconnect.
   */
  readonly lastEventId: number | undefined;
  /** Aborts when the client goes away: pass it on to upstream `fetch` calls. */
  readonly signal: AbortSignal;
}

/** Opens the upstream anew for each connection, so a reconnecting client gets a fresh replay. */
export type RunChunkSourceFactory = (
  context: RunChunkSourceContext,
) => RunChunkSource | Promise<RunChunkSource>;
