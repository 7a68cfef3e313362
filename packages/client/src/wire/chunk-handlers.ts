import type { SteplineError } from '../util/stepline-error';

/** Where a stream's records go as they are read: the transports call these, the controller provides them. */
export interface ChunkHandlers {
  /** The response arrived and its body is being read: the connection is live. */
  readonly onOpen?: () => void;
  /** Raw Mastra chunks (one parsed JSON record each) from one network read, in order. */
  readonly onChunks: (chunks: unknown[]) => void;
  /** A record that could not be read; it is skipped and the stream goes on. */
  readonly onError?: (error: SteplineError) => void;
}
