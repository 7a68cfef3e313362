import { describe, expect, it } from 'vitest';
import { SteplineError } from '../util/stepline-error';
import { readChunks } from './read-chunks';

const encoder = new TextEncoder();
const record = (n: number) => encoder.encode(`{"n":${n}}\x1E`);

/** Hands over one record per read, each in a turn of the event loop of its own (a flush per event). */
function recordsApart(
  count: number,
  after?: (controller: ReadableStreamDefaultController<Uint8Array>) => void,
) {
  let index = 0;
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      return new Promise<void>((resolve) =>
        setImmediate(() => {
          if (cancelled) {
            // A cancelled stream takes nothing more.
          } else if (index < count) controller.enqueue(record(index++));
          else if (after) after(controller);
          else controller.close();
          resolve();
        }),
      );
    },
    cancel() {
      cancelled = true;
    },
  });
}

describe('readChunks', () => {
  it('hands over every record of reads that come apart, one batch per read, then resolves', async () => {
    const batches: unknown[][] = [];
    await readChunks(recordsApart(50), { onChunks: (chunks) => batches.push(chunks) });
    expect(batches.flat()).toEqual(Array.from({ length: 50 }, (_value, n) => ({ n })));
    expect(batches.length).toBe(50);
  });

  it('an abort mid-stream rejects with `aborted`, after what was read before it', async () => {
    const abort = new AbortController();
    const seen: unknown[] = [];
    const reading = readChunks(
      recordsApart(1_000),
      {
        onChunks: (chunks) => {
          seen.push(...chunks);
          if (seen.length === 3) abort.abort('view closed');
        },
      },
      { signal: abort.signal },
    );
    await expect(reading).rejects.toMatchObject({ code: 'aborted' });
    expect(seen).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
  });

  it('an upstream that breaks off rejects with `network`, after the records that came before', async () => {
    const seen: unknown[] = [];
    const reading = readChunks(
      recordsApart(2, (controller) => controller.error(new Error('connection reset'))),
      { onChunks: (chunks) => seen.push(...chunks) },
    );
    await expect(reading).rejects.toMatchObject({
      code: 'network',
      message: expect.stringContaining('connection reset'),
    });
    expect(seen).toEqual([{ n: 0 }, { n: 1 }]);
  });

  it('a hand-written iterator whose next() throws at once rejects with `network`', async () => {
    const source: AsyncIterable<unknown> = {
      [Symbol.asyncIterator]: () => ({
        next: () => {
          throw new Error('iterator gave up');
        },
      }),
    };
    await expect(readChunks(source, { onChunks: () => {} })).rejects.toMatchObject({
      code: 'network',
      message: expect.stringContaining('iterator gave up'),
    });
  });

  it('a stream that cannot be read (locked) rejects instead of throwing', async () => {
    const stream = recordsApart(1);
    stream.getReader();
    const reading = readChunks(stream, { onChunks: () => {} });
    await expect(reading).rejects.toBeInstanceOf(TypeError);
  });

  it('a handler that throws rejects the read with its error', async () => {
    const failure = new SteplineError('invalid-event', 'the view broke');
    const reading = readChunks(recordsApart(5), {
      onChunks: () => {
        throw failure;
      },
    });
    await expect(reading).rejects.toBe(failure);
  });

  it('an already aborted signal rejects at once with `aborted`, reading nothing', async () => {
    const seen: unknown[] = [];
    const reading = readChunks(
      recordsApart(5),
      { onChunks: (chunks) => seen.push(...chunks) },
      {
        signal: AbortSignal.abort('gone'),
      },
    );
    await expect(reading).rejects.toMatchObject({ code: 'aborted' });
    expect(seen).toEqual([]);
  });
});
