/**
 * A response body that hands over one piece per read. With `apart`, each piece comes in a turn of the
 * event loop of its own, as reads do when a server flushes every event as it happens: the transport
 * cannot take them into one batch (it batches only reads that are there already).
 */
export function bodyOf(
  pieces: readonly Uint8Array[],
  { apart = false, onEnd }: { apart?: boolean; onEnd?: () => void } = {},
): ReadableStream<Uint8Array> {
  let index = 0;
  const hand = (controller: ReadableStreamDefaultController<Uint8Array>) => {
    if (index < pieces.length) controller.enqueue(pieces[index++]!);
    else {
      controller.close();
      onEnd?.();
    }
  };
  return new ReadableStream({
    pull(controller) {
      if (!apart) return hand(controller);
      return new Promise<void>((resolve) =>
        setImmediate(() => {
          hand(controller);
          resolve();
        }),
      );
    },
  });
}
