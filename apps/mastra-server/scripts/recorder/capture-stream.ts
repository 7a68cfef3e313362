import { createRecordDecoder } from '../../src/record-separator.ts';
import type { ChunkTiming, WorkflowEvent } from './types.ts';

export interface CapturedStream {
  status: number;
  contentType: string | null;
  bytes: Uint8Array;
  chunks: ChunkTiming[];
  events: WorkflowEvent[];
  error?: string;
}

export interface CaptureOptions {
  url: string;
  body: unknown;
  timeoutMs: number;
  /** Called for each decoded record as soon as its chunk arrives. */
  onEvent?: (event: WorkflowEvent) => void;
}

/**
 * POSTs and keeps the response body byte for byte, with the arrival time of every network chunk. A
 * body that breaks off (server killed) is kept as far as it arrived, with the error.
 */
export async function captureStream(options: CaptureOptions): Promise<CapturedStream> {
  const started = performance.now();
  const response = await fetch(options.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(options.body),
    signal: AbortSignal.timeout(options.timeoutMs),
  });
  const chunks: ChunkTiming[] = [];
  const parts: Uint8Array[] = [];
  const events: WorkflowEvent[] = [];
  const decoder = createRecordDecoder();
  let offset = 0;
  let error: string | undefined;
  if (response.body) {
    const reader = response.body.getReader();
    try {
      while (true) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push({ offset, length: value.byteLength, atMs: Math.round(performance.now() - started) });
        parts.push(value);
        offset += value.byteLength;
        for (const record of decoder.push(value)) {
          const event = record as WorkflowEvent;
          events.push(event);
          options.onEvent?.(event);
        }
      }
    } catch (caught) {
      error = caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught);
    }
  }
  const bytes = new Uint8Array(offset);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.byteLength;
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    bytes,
    chunks,
    events,
    ...(error ? { error } : {}),
  };
}
