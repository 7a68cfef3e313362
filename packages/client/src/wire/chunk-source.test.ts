import { describe, expect, it } from 'vitest';
import type { SteplineError } from '../util/stepline-error';
import { openChunkReader } from './chunk-source';

const encoder = new TextEncoder();
const record = (n: number) => encoder.encode(`{"n":${n}}\x1E`);

async function readAll(reader: ReturnType<typeof openChunkReader>) {
  const batches: unknown[][] = [];
  for (let next = await reader.read(); !next.done; next = await reader.read()) batches.push(next.chunks);
  return batches;
}

describe('openChunkReader', () => {
  it('takes the reads that are there at once into one batch: one event per read costs one batch per burst', async () => {
    let index = 0;
    const source = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (index < 500) controller.enqueue(record(index++));
        else controller.close();
      },
    });
    const batches = await readAll(openChunkReader(source, { onError: () => {} }));
    expect(batches.flat()).toEqual(Array.from({ length: 500 }, (_value, n) => ({ n })));
    expect(batches.length).toBe(1);
  });

  it('closes a batch at about 64 KiB', async () => {
    const big = encoder.encode(`{"text":"${'x'.repeat(40_000)}"}\x1E`);
    const source = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 4; i++) controller.enqueue(big);
        controller.close();
      },
    });
    const batches = await readAll(openChunkReader(source, { onError: () => {} }));
    expect(batches.map((batch) => batch.length)).toEqual([2, 2]);
  });

  it('does not wait for a read that is not there: what came is handed over at once', async () => {
    let push: ((bytes: Uint8Array) => void) | undefined;
    const source = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(record(1));
        push = (bytes) => controller.enqueue(bytes);
      },
    });
    const reader = openChunkReader(source, { onError: () => {} });
    expect(await reader.read()).toEqual({ done: false, chunks: [{ n: 1 }] });
    const next = reader.read();
    push?.(record(2));
    expect(await next).toEqual({ done: false, chunks: [{ n: 2 }] });
    await reader.cancel();
  });

  it('delivers what a batch read before the upstream broke, then the error', async () => {
    let sent = 0;
    const source = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 2) controller.enqueue(record(sent));
        else controller.error(new Error('connection reset'));
      },
    });
    const errors: SteplineError[] = [];
    const reader = openChunkReader(source, { onError: (error) => errors.push(error) });
    expect(await reader.read()).toEqual({ done: false, chunks: [{ n: 1 }, { n: 2 }] });
    await expect(reader.read()).rejects.toThrow('connection reset');
    expect(errors).toEqual([]);
  });
});
