import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeSseEvent } from '../server/encode-sse-event';
import { SteplineError } from '../util/stepline-error';

// The SSE parser is loaded on demand (a chunk of its own in an app's build): these pin that it stays out
// of the transport's static imports, and that a failed download is a dropped connection, not a dead one.

const run = { workflowId: 'content-brief', runId: 'run-1' };

function sseResponse(text: string): Response {
  return new Response(new TextEncoder().encode(text), {
    status: 200,
    headers: { 'Content-Type': 'text/event-stream' },
  });
}

afterEach(() => {
  vi.doUnmock('eventsource-parser');
  vi.resetModules();
});

describe('the SSE transport loads its parser on demand', () => {
  it('imports eventsource-parser only for its types, statically', () => {
    const source = readFileSync(join(import.meta.dirname, 'sse-transport.ts'), 'utf8');
    const staticImports = [...source.matchAll(/^import\s+(type\s+)?[^;]*?from\s+'eventsource-parser'/gm)];
    expect(staticImports.length).toBe(1);
    expect(staticImports[0]![1], 'a value import would put the parser in the first chunk').toBe('type ');
    expect(source).toContain("import('eventsource-parser')");
  });

  it('reports a failed download as a network error and loads it again on the next connection', async () => {
    let attempts = 0;
    vi.doMock('eventsource-parser', async () => {
      attempts++;
      if (attempts === 1) throw new Error('Failed to fetch dynamically imported module');
      return vi.importActual('eventsource-parser');
    });
    vi.resetModules();
    const { createSseTransport } = await import('./sse-transport');
    const fetch = vi.fn(async () => sseResponse(encodeSseEvent({ id: 1, data: '{"type":"start"}' })));
    const transport = createSseTransport({
      url: '/events',
      fetch: fetch as unknown as typeof globalThis.fetch,
    });

    const failed = await transport.observeRun(run, { onChunks: () => {} }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(SteplineError.isInstance(failed) && failed.code).toBe('network');
    expect((failed as Error).message).toContain('The SSE parser could not be loaded');

    const chunks: unknown[] = [];
    await transport.observeRun(run, { onChunks: (batch) => chunks.push(...batch) });
    expect(chunks).toEqual([{ type: 'start' }]);
    expect(attempts).toBe(2);
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});
