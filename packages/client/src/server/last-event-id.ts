/**
 * A request as web frameworks (`Request`) and Node (`IncomingMessage`, Express's `req`) describe it: only
 * the headers and the URL are read.
 */
export type RequestLike =
  | { readonly headers: Headers; readonly url: string }
  | {
      readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
      readonly url?: string | undefined;
    };

import { parseEventPosition } from './checked-event-ids';

/**
 * The event id a reconnecting client already has: the `Last-Event-ID` header, or else a `lastEventId`
 * query parameter (EventSource polyfills that cannot set headers send it that way). Anything that is not
 * a non-negative integer — an id from some other server, a mangled value — counts as none, so the client
 * gets the whole stream again rather than a wrong part of it.
 *
 * @example
 * export async function GET(request: Request) {
 *   const lastEventId = lastEventIdFrom(request); // 12 after `Last-Event-ID: 12`
 * }
 */
export function lastEventIdFrom(request: RequestLike): number | undefined {
  return (
    parseEventId(readRequestValue(request, 'header', 'last-event-id')) ??
    parseEventId(readRequestValue(request, 'query', 'lastEventId'))
  );
}

/**
 * Reads an event id written by the relay (`12.3011245918`: the position and a hash of the history) or a plain
 * position; undefined for anything else.
 *
 * @example
 * parseEventId('12.3011245918'); // 12
 * parseEventId('abc'); // undefined
 */
export function parseEventId(value: string | null | undefined): number | undefined {
  return parseEventPosition(value)?.position;
}

/** A header or query parameter of a web or Node request. */
export function readRequestValue(
  request: RequestLike,
  where: 'header' | 'query',
  name: string,
): string | undefined {
  return where === 'header' ? headerOf(request, name) : queryOf(request, name);
}

function headerOf(request: RequestLike, name: string): string | undefined {
  const { headers } = request;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  // Node lower-cases header names; a repeated header arrives as an array and the first one wins.
  const value = (headers as Record<string, string | readonly string[] | undefined>)[name];
  return typeof value === 'string' ? value : value?.[0];
}

function queryOf(request: RequestLike, name: string): string | undefined {
  if (!request.url) return undefined;
  // Node's `req.url` is only the path: any base makes it parseable.
  try {
    return new URL(request.url, 'http://localhost').searchParams.get(name) ?? undefined;
  } catch {
    return undefined;
  }
}
