import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createSteplineRoute } from './stepline-route';

// Cases a real Mastra server cannot produce on demand: Mastra down, bodies the route refuses. The rest
// is tested against the real server in apps/mastra-server (stepline-route.test.ts).
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const routeTo = (url: string) =>
  createSteplineRoute({ mastra: { url }, workflows: ['w'], authorize: () => true, onError: () => {} });

describe('createSteplineRoute without Mastra', () => {
  it('answers 502 JSON with code network when Mastra is down, never an empty 500', async () => {
    const route = routeTo(`http://127.0.0.1:${await closedPort()}`);
    for (const request of [
      new Request('http://app.test/api/stepline/workflows/w/runs/r1'),
      new Request('http://app.test/api/stepline/workflows/w/runs/r1/events'),
      new Request('http://app.test/api/stepline/workflows/w/stream?runId=r1', { method: 'POST', body: '{}' }),
    ]) {
      const response = await route(request);
      expect(response.status, request.url).toBe(502);
      expect(await response.json()).toMatchObject({ code: 'network' });
    }
  });

  it('refuses bodies that are not JSON or too large, and a resume without a run id, before asking Mastra', async () => {
    const route = createSteplineRoute({
      mastra: {
        url: 'http://mastra.invalid',
        fetch: () => Promise.reject(new Error('Mastra must not be asked')),
      },
      workflows: ['w'],
      authorize: () => true,
      maxBodyBytes: 10,
    });
    const post = (path: string, body: string) =>
      route.POST(new Request(`http://app.test/api/stepline${path}`, { method: 'POST', body }));
    expect((await post('/workflows/w/stream?runId=r1', 'not json')).status).toBe(400);
    expect(
      (await post('/workflows/w/stream?runId=r1', JSON.stringify({ inputData: 'x'.repeat(20) }))).status,
    ).toBe(413);
    expect((await post('/workflows/w/resume-stream', '{}')).status).toBe(400);
  });

  it('sends what authorize returns when it is a Response', async () => {
    const route = createSteplineRoute({
      mastra: { url: 'http://mastra.invalid' },
      workflows: ['w'],
      authorize: () => Response.json({ error: 'Log in first' }, { status: 401 }),
    });
    const response = await route.GET(new Request('http://app.test/api/stepline/workflows/w'));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'Log in first' });
  });
});
