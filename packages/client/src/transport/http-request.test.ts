import { describe, expect, it } from 'vitest';
import { SteplineError } from '../util/stepline-error';
import { sendHttpRequest } from './http-request';

const baseUrl = 'http://mastra.test';
const token = 'Bearer sk-live-0123456789abcdef';

async function rejection(promise: Promise<unknown>): Promise<SteplineError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SteplineError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('sendHttpRequest', () => {
  it('writes the query as URLSearchParams does, whatever its values', async () => {
    const values = ['run-1_a.b*', '', 'a b', "x!~'()", 'é/?&=#+%', 42, '\u{1F389}', undefined];
    for (const value of values) {
      const urls: string[] = [];
      const fetch = async (url: string | URL | Request) => {
        urls.push(String(url));
        return new Response('{}');
      };
      const query = { runId: value, page: 2, 'odd key': 'v' };
      await sendHttpRequest({ baseUrl: `${baseUrl}//`, fetch }, { method: 'GET', path: '/runs', query });
      await sendHttpRequest({ baseUrl, fetch }, { method: 'GET', path: '/runs', query: { runId: value } });
      const expected = (entries: [string, unknown][]) => {
        const params = new URLSearchParams();
        for (const [key, item] of entries) if (item !== undefined) params.set(key, String(item));
        return params.size > 0 ? `?${params}` : '';
      };
      expect(urls).toEqual([
        `${baseUrl}/api/runs${expected(Object.entries(query))}`,
        `${baseUrl}/api/runs${expected([['runId', value]])}`,
      ]);
    }
  });

  it('blanks out the header values a server echoes back in its error', async () => {
    const fetch = async (_url: string | URL | Request, init?: RequestInit) =>
      new Response(
        JSON.stringify({ error: `token ${new Headers(init?.headers).get('Authorization')} expired` }),
        {
          status: 401,
        },
      );
    const error = await rejection(
      sendHttpRequest(
        { baseUrl, headers: { Authorization: token }, fetch },
        { method: 'GET', path: '/workflows' },
      ),
    );
    expect(error.code).toBe('auth');
    expect(error.message).not.toContain('sk-live-0123456789abcdef');
    expect(error.message).toContain('[redacted]');
  });

  it('reads only the start of an error body that never ends', async () => {
    let pulls = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        controller.enqueue(new TextEncoder().encode('overloaded '.repeat(100)));
      },
    });
    const fetch = async () => new Response(endless, { status: 503 });
    const error = await rejection(sendHttpRequest({ baseUrl, fetch }, { method: 'GET', path: '/workflows' }));
    expect(error.code).toBe('http');
    expect(error.status).toBe(503);
    expect(error.message).toContain('overloaded');
    expect(pulls).toBeLessThan(20);
  });

  it('gives up on an error body that stalls, with what it had', async () => {
    const stalled = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"error":"gateway busy'));
        // ...and nothing more, ever: without a time bound the request would never settle.
      },
    });
    const fetch = async () => new Response(stalled, { status: 502 });
    const error = await rejection(sendHttpRequest({ baseUrl, fetch }, { method: 'GET', path: '/workflows' }));
    expect(error.status).toBe(502);
    expect(error.message).toContain('gateway busy');
  });

  it('turns a failing headers function into a typed auth error', async () => {
    const fetch = async () => new Response('{}');
    const headers = () => {
      throw new Error('token store offline');
    };
    const error = await rejection(
      sendHttpRequest({ baseUrl, headers, fetch }, { method: 'GET', path: '/workflows' }),
    );
    expect(error.code).toBe('auth');
    expect((error.cause as Error).message).toBe('token store offline');
  });
});
