import { bodyOf } from './response-body.ts';

/**
 * The floor every ingest row is compared with: split Mastra's bytes on the record separator and
 * `JSON.parse` each record, nothing kept. No client can read the stream in less.
 */
export function floorRun(pieces: readonly Uint8Array[]): number {
  const floor = createFloorReader();
  for (const piece of pieces) floor.read(piece);
  return floor.count();
}

/**
 * The floor for one event per read: the same, reading the pieces as they come, each in a turn of the
 * event loop of its own (see `bodyOf`). The turns are what any client pays for reads that come apart;
 * they cost about as much as the parsing, so the plain floor would charge them to the client.
 */
export async function floorReadsApart(pieces: readonly Uint8Array[]): Promise<number> {
  const reader = bodyOf(pieces, { apart: true }).getReader();
  const floor = createFloorReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    floor.read(value);
  }
  return floor.count();
}

/** The floor's work on one piece, shared by both floors so they cannot drift apart. */
function createFloorReader(): { read(piece: Uint8Array): void; count(): number } {
  const decoder = new TextDecoder();
  let buffer = '';
  let count = 0;
  return {
    read(piece) {
      buffer += decoder.decode(piece, { stream: true });
      const records = buffer.split('\x1E');
      buffer = records.pop()!;
      for (const record of records) {
        if (record.trim() !== '') {
          JSON.parse(record);
          count++;
        }
      }
    },
    count: () => count,
  };
}

/** The bytes cut into pieces of `pieceBytes`, as a reader gets them off the network. */
export function inPieces(bytes: Uint8Array, pieceBytes = 64 * 1024): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.length; offset += pieceBytes) {
    pieces.push(bytes.subarray(offset, offset + pieceBytes));
  }
  return pieces;
}

export function byteLength(pieces: readonly Uint8Array[]): number {
  let total = 0;
  for (const piece of pieces) total += piece.length;
  return total;
}
