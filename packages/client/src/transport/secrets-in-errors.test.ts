import { describe, expect, it } from 'vitest';
import { createMockMastraFetch } from '../testing/mock-mastra-fetch';
import { SteplineError } from '../util/stepline-error';
import { createMastraClientTransport, type MastraClientLike } from './mastra-client-transport';
import { createMastraHttpTransport } from './mastra-http-transport';
import { createSseTransport } from './sse-transport';

// The README promises: header values never appear in URLs or error messages.
const run = { workflowId: 'approval', runId: 'run-1' };
const token = 's3cret-token-4f9a';
const noChunks = { onChunks: () => {} };

async function failure(promise: Promise<unknown>): Promise<SteplineError> {
  try {
    await promise;
  } catch (error) {
    expect(SteplineError.isInstance(error), String(error)).toBe(true);
    return error as SteplineError;
  }
  throw new Error('expected a failure');
}

function expectNoSecret(error: SteplineError, ...secrets: string[]) {
  for (const secret of secrets) {
    expect(error.message).not.toContain(secret);
    expect(error.input ?? '').not.toContain(secret);
  }
}

describe('secrets in error messages', () => {
  const fetch = createMockMastraFetch({ runs: [{ ...run, segments: [{ events: [] }] }] });
  const invalid = { Authorization: `Bearer ${token}\r\nX-Evil: 1` };

  it('an invalid header value is named, not quoted, by the HTTP transport (no raw TypeError)', async () => {
    const transport = createMastraHttpTransport({ baseUrl: 'http://mastra.test', fetch, headers: invalid });
    const error = await failure(transport.getRun(run));
    expectNoSecret(error, token);
    expect(error.message).toContain('`Authorization`');
  });

  it('an invalid header value is named, not quoted, by the SSE transport (no raw TypeError)', async () => {
    const transport = createSseTransport({ url: 'http://app.test/api/run-events', headers: invalid, fetch });
    const error = await failure(transport.observeRun(run, noChunks));
    expectNoSecret(error, token);
  });

  it('a URL with credentials does not reach the message through the runtime’s error', async () => {
    // Node's own fetch refuses such a URL with a TypeError that quotes it; nothing is sent.
    const transport = createMastraHttpTransport({ baseUrl: 'http://ada:hunter2-pass@127.0.0.1:9' });
    const error = await failure(transport.getRun(run));
    expect(error.code).toBe('network');
    expectNoSecret(error, 'hunter2-pass');
  });

  it('a token in the base URL’s query does not reach the message through the cause’s message', async () => {
    const quoting = (async (input: string | URL | Request) => {
      throw new TypeError(`fetch failed: connect ECONNREFUSED for ${String(input)}`);
    }) as typeof globalThis.fetch;
    const transport = createMastraHttpTransport({
      baseUrl: `http://mastra.test/?token=${token}`,
      fetch: quoting,
    });
    const error = await failure(transport.getRun(run));
    expectNoSecret(error, token);
  });

  it('an echoed header value written with JSON escapes (`\\/`, `\\u00XX`) is still blanked', async () => {
    const slashed = 'abc/def-ghi-123';
    const echo = (async () =>
      new Response(`{"error":"Token abc\\/def-ghi-123 rejected; also ${'\\u0073'}3cret-token-4f9a"}`, {
        status: 401,
        headers: { 'Content-Type': 'application/json' },
      })) as typeof globalThis.fetch;
    const transport = createMastraHttpTransport({
      baseUrl: 'http://mastra.test',
      fetch: echo,
      headers: { Authorization: `Bearer ${slashed}`, 'X-Key': token },
    });
    const error = await failure(transport.getRun(run));
    expect(error.code).toBe('auth');
    expectNoSecret(error, slashed, token);
  });

  it('the client-js adapter bounds its message and blanks the client’s header values', async () => {
    const huge = `Internal error: ${'x'.repeat(5 * 1024 * 1024)} while using ${token}`;
    const client = {
      options: { baseUrl: 'http://mastra.test', headers: { Authorization: `Bearer ${token}` } },
      getWorkflow: () => ({
        runById: async () => {
          throw Object.assign(new Error(`${token} ${huge}`), { status: 500 });
        },
      }),
    } as unknown as MastraClientLike;
    const error = await failure(createMastraClientTransport(client).getRun(run));
    expect(error.message.length).toBeLessThan(1000);
    expectNoSecret(error, token);
  });
});
