/**
 * Framing helpers: turn chunks into the bytes a server would send, and cut bytes the way a network does.
 * No `node:` imports: this runs in browsers too.
 */

const encoder = new TextEncoder();

/** Mastra ends every record with the ASCII record separator. */
const recordSeparator = '\x1E';

/**
 * A Mastra stream body: each chunk as JSON followed by `\x1E`, nothing else (no newline, no end marker).
 * @example
 * const body = encodeMastraStream([mastraEvents.workflowStart('run-1', 'wf'), mastraEvents.workflowFinish('success')]);
 * new Response(body, { headers: { 'Content-Type': 'text/plain' } });
 */
export function encodeMastraStream(chunks: readonly unknown[]): Uint8Array {
  return encoder.encode(chunks.map((chunk) => `${JSON.stringify(chunk)}${recordSeparator}`).join(''));
}

export interface SseEncodingOptions {
  /** The `id:` of the first event; the next ones count up from it. Default 1. */
  readonly firstId?: number;
  /** An `event:` line for every event; left out by default (the `message` type). */
  readonly event?: string;
}

/**
 * Server-sent events as an app's relay route sends them: `id: n`, `data: <json>`, a blank line.
 * @example
 * const text = encodeSseStream(chunks);
 * new Response(text, { headers: { 'Content-Type': 'text/event-stream' } });
 */
export function encodeSseStream(chunks: readonly unknown[], options: SseEncodingOptions = {}): string {
  const firstId = options.firstId ?? 1;
  return chunks
    .map((chunk, index) => sseFrame(JSON.stringify(chunk), firstId + index, options.event))
    .join('');
}

/**
 * One SSE event; `data` must be one line (JSON text is).
 * @example
 * sseFrame('{"type":"workflow-start"}', 1); // 'id: 1\ndata: {"type":"workflow-start"}\n\n'
 */
export function sseFrame(data: string, id: number | undefined, event?: string): string {
  return `${id === undefined ? '' : `id: ${id}\n`}${event === undefined ? '' : `event: ${event}\n`}data: ${data}\n\n`;
}

export interface ChunkBytesOptions {
  /** Seed for `'random'`, so a failing cut can be replayed. Default 1. */
  readonly seed?: number;
  /** Largest piece for `'random'`. Default 64. */
  readonly maxSize?: number;
}

/**
 * Cuts bytes into pieces of `size` bytes (the last one shorter), or of random sizes from 1 to `maxSize`:
 * records and multibyte characters end up split across pieces, as they do on a real connection.
 * @example
 * for (const piece of chunkBytes(encodeMastraStream(chunks), 'random', { seed: 7 })) parser.push(piece);
 */
export function chunkBytes(
  bytes: Uint8Array,
  size: number | 'random',
  options: ChunkBytesOptions = {},
): Uint8Array[] {
  const nextSize = pieceSizer(size, options);
  const pieces: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.length; ) {
    const end = Math.min(bytes.length, offset + nextSize());
    pieces.push(bytes.slice(offset, end));
    offset = end;
  }
  return pieces;
}

/**
 * The size of each next piece; for `'random'` one seeded sequence, so a long stream keeps drawing from it.
 * @example
 * const next = pieceSizer('random', { seed: 2 });
 * const sizes = [next(), next(), next()];
 */
export function pieceSizer(size: number | 'random', options: ChunkBytesOptions = {}): () => number {
  if (size === 'random') return randomSizes(options.seed ?? 1, options.maxSize ?? 64);
  if (!Number.isInteger(size) || size < 1) {
    throw new RangeError(`chunk size must be a whole number of bytes >= 1, got ${size}`);
  }
  return () => size;
}

/** mulberry32: a tiny seeded generator, so random cuts are reproducible in every runtime. */
function randomSizes(seed: number, maxSize: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const unit = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return 1 + Math.floor(unit * Math.max(1, maxSize));
  };
}

/**
 * Concatenates byte arrays.
 * @example
 * concatBytes([new Uint8Array([1]), new Uint8Array([2, 3])]); // Uint8Array [1, 2, 3]
 */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const result = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    result.set(part, offset);
    offset += part.length;
  }
  return result;
}
