/** What `readIfReady` gives when the read is still waiting for its data. */
export const notReady: unique symbol = Symbol('not ready');

/**
 * The read's value if it is there already, else `notReady` at once (the read goes on; await it later:
 * a read that failed counts as not ready, and throws when awaited).
 *
 * A stream read whose data is queued settles within a microtask or two (a pull-based source that
 * enqueues as it is pulled, a `fetch` body whose bytes came in meanwhile); one waiting for the network
 * does not. Readers use it to take everything readable now as one batch — one store reduce, one
 * timer reset — instead of one per read, without waiting a moment for what is not there: no timer, so
 * nothing is delayed when events come one at a time.
 *
 * @example
 * let next = await reader.read();
 * while (!next.done) {
 *   const more = await readIfReady((pending ??= reader.read()));
 *   if (more === notReady) break;
 * }
 */
export async function readIfReady<T>(read: Promise<T>): Promise<T | typeof notReady> {
  let settled = false;
  let value: T | undefined;
  // A failed read counts as not ready: whoever awaits it later gets its error. The handler also keeps it
  // from being reported as unhandled meanwhile.
  read.then((result) => {
    settled = true;
    value = result;
  }, ignore);
  // Three microtask turns: a read of queued data settles in the first, one that pulls first in the next.
  // A flag rather than Promise.race against a timer or a chain: this runs once per read.
  await undefined;
  await undefined;
  await undefined;
  return settled ? (value as T) : notReady;
}

function ignore(): void {}
