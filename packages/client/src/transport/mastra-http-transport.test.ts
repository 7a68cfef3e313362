import { describe, expect, it } from 'vitest';
import type { SteplineError } from '../util/stepline-error';
import { createMastraHttpTransport } from './mastra-http-transport';

const run = { workflowId: 'content-brief', runId: 'run-1' };

function streamResponse(body: string): Response {
  return new Response(body, { status: 200, headers: { 'Content-Type': 'text/plain' } });
}

describe('createMastraHttpTransport', () => {
  it('maxRecordLength cannot be set for the default HTTP transport: it now reaches the stream decoder', async () => {
    const huge = JSON.stringify({ type: 'workflow-step-output', payload: { output: 'x'.repeat(500) } });
    const body = `{"type":"workflow-start","payload":{}}\x1E${huge}\x1E{"type":"workflow-canceled","payload":{}}\x1E`;
    const read = async (maxRecordLength?: number) => {
      const chunks: unknown[] = [];
      const errors: SteplineError[] = [];
      const transport = createMastraHttpTransport({
        baseUrl: 'http://mastra.test',
        fetch: async () => streamResponse(body),
        ...(maxRecordLength === undefined ? {} : { maxRecordLength }),
      });
      await transport.observeRun(run, {
        onChunks: (batch) => chunks.push(...batch),
        onError: (error) => errors.push(error),
      });
      return { chunks, errors };
    };
    const limited = await read(100);
    expect(limited.chunks.map((chunk) => (chunk as { type: string }).type)).toEqual([
      'workflow-start',
      'workflow-canceled',
    ]);
    expect(limited.errors.map((error) => [error.code, error.message])).toEqual([
      ['parse', 'A stream record is longer than 100 characters; it was skipped.'],
    ]);
    expect((await read()).chunks).toHaveLength(3);
  });

  it('maps statuses as every transport does: 404 not-found, 409 conflict, 401 auth, 500 http', async () => {
    const codes: [string, number | undefined][] = [];
    for (const status of [404, 409, 401, 500]) {
      const transport = createMastraHttpTransport({
        baseUrl: 'http://mastra.test',
        fetch: async () => new Response('{"error":"no"}', { status }),
      });
      const error = (await transport.getRun(run).catch((failure: unknown) => failure)) as SteplineError;
      codes.push([error.code, error.status]);
    }
    expect(codes).toEqual([
      ['not-found', 404],
      ['conflict', 409],
      ['auth', 401],
      ['http', 500],
    ]);
  });
});

describe('createMastraHttpTransport base URL', () => {
  it('the createSseTransport example gave /mastra/api and got /mastra/api/api/…: baseUrl is Mastra root', async () => {
    const urls: string[] = [];
    const fetch = (async (url: string) => {
      urls.push(url);
      return Response.json({ runId: 'run-1', status: 'success', steps: {} });
    }) as typeof globalThis.fetch;
    await createMastraHttpTransport({ baseUrl: '/mastra', fetch }).getRun(run);
    expect(urls).toEqual(['/mastra/api/workflows/content-brief/runs/run-1']);
  });
});
