import { maxTimerDelayMs } from '../util/timer-delay';
/** One Server-Sent Event as the relay writes it. */
export interface SseEvent {
  /** Becomes the client's last event id, sent back as `Last-Event-ID` when it reconnects. */
  readonly id?: string | number;
  /** The event type; leave it out for the default `message` type (what `EventSource.onmessage` gets). */
  readonly event?: string;
  /** The payload text. Line breaks are allowed: each line becomes its own `data:` line. */
  readonly data: string;
  /** Tells the client how long to wait, in milliseconds, before it reconnects. */
  readonly retry?: number;
}

const lineBreak = /\r\n|\r|\n/;

/**
 * Frames one event in the `text/event-stream` format, ending with the blank line that dispatches it.
 * An id or event type containing a line break (or an id containing NUL) is refused, because it would
 * let the value inject fields of its own.
 *
 * @example
 * encodeSseEvent({ id: 3, data: JSON.stringify({ type: 'workflow-start' }) });
 * // 'id: 3\ndata: {"type":"workflow-start"}\n\n'
 */
export function encodeSseEvent(event: SseEvent): string {
  let text = '';
  if (event.retry !== undefined) text += encodeRetryField(event.retry);
  if (event.id !== undefined) {
    const id = String(event.id);
    if (lineBreak.test(id) || id.includes('\0')) {
      throw new TypeError('An SSE event id cannot contain a line break or NUL.');
    }
    text += `id: ${id}\n`;
  }
  if (event.event !== undefined) {
    if (lineBreak.test(event.event)) throw new TypeError('An SSE event type cannot contain a line break.');
    text += `event: ${event.event}\n`;
  }
  for (const line of event.data.split(lineBreak)) text += `data: ${line}\n`;
  return `${text}\n`;
}

/**
 * Frames a comment: clients ignore it, but it keeps proxies and idle timers from closing a quiet
 * connection.
 *
 * @example
 * encodeSseComment('ping'); // ': ping\n\n'
 */
export function encodeSseComment(text = ''): string {
  return `${text
    .split(lineBreak)
    .map((line) => (line === '' ? ':' : `: ${line}`))
    .join('\n')}\n\n`;
}

/**
 * Frames a lone `retry:` field, the client's reconnection delay in milliseconds.
 *
 * @example
 * encodeSseRetry(2000); // 'retry: 2000\n\n'
 */
export function encodeSseRetry(milliseconds: number): string {
  return `${encodeRetryField(milliseconds)}\n`;
}

function encodeRetryField(milliseconds: number): string {
  assertSseRetry(milliseconds);
  return `retry: ${milliseconds}\n`;
}

/**
 * Throws unless `milliseconds` is a delay a browser can wait: a non-negative integer up to 2^31-1. A
 * larger `retry:` overflows `setTimeout` in clients, which then reconnect every millisecond.
 */
export function assertSseRetry(milliseconds: number): void {
  if (!Number.isSafeInteger(milliseconds) || milliseconds < 0 || milliseconds > maxTimerDelayMs) {
    throw new RangeError(
      `An SSE retry delay must be an integer from 0 to ${maxTimerDelayMs} ms, got ${milliseconds}.`,
    );
  }
}
