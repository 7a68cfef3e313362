import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSteplineRoute, toNodeListener } from '@stepline/client/server';
import { createParser } from 'eventsource-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RestartableMastraServer, startRestartableServer } from './restartable-server.ts';

// Mastra SIGKILLed mid-run and started again: the run is restarted through the route, and a browser
// reconnecting with the Last-Event-ID it had before must get the new process's events, not have the
// first n of them skipped because the relay's numbering started again.
let mastra: RestartableMastraServer;
let app: Server;
let routeUrl: string;

beforeAll(async () => {
  mastra = await startRestartableServer();
  const route = createSteplineRoute({
    mastra: { url: mastra.url },
    workflows: ['content-brief'],
    authorize: () => true,
    onError: () => {},
  });
  app = createHttpServer(toNodeListener(route));
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  routeUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/api/stepline`;
});

afterAll(async () => {
  app?.closeAllConnections();
  await new Promise<void>((resolve) => (app ? app.close(() => resolve()) : resolve()));
  await mastra?.close();
});

interface Received {
  readonly ids: string[];
  readonly chunks: string[];
}

/** Reads the route's SSE stream until `until` holds or it ends. */
async function readEvents(
  runId: string,
  until: (received: Received) => boolean,
  lastEventId?: string,
): Promise<Received> {
  const response = await fetch(`${routeUrl}/workflows/content-brief/runs/${runId}/events`, {
    headers: lastEventId ? { 'Last-Event-ID': lastEventId } : {},
  });
  expect(response.status).toBe(200);
  const received: Received = { ids: [], chunks: [] };
  const parser = createParser({
    onEvent(event) {
      if (event.id) received.ids.push(event.id);
      received.chunks.push(event.data);
    },
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  while (!until(received)) {
    const next = await reader.read();
    if (next.done) break;
    parser.feed(decoder.decode(next.value, { stream: true }));
  }
  await reader.cancel().catch(() => {});
  return received;
}

const finished = (received: Received) => received.chunks.some((chunk) => chunk.includes('"workflow-finish"'));
const stepStarts = (received: Received) =>
  received.chunks.filter((chunk) => chunk.includes('"workflow-step-start"'));

describe('the route after a Mastra restart', () => {
  it('SSE ids survive a Mastra restart: a reconnect with an old id gets the resumed part from the new process', async () => {
    const created = await fetch(`${routeUrl}/workflows/content-brief/create-run`, { method: 'POST' });
    const { runId } = (await created.json()) as { runId: string };
    const started = await fetch(`${routeUrl}/workflows/content-brief/stream?runId=${runId}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ inputData: { topic: 'Restarts' } }),
    });
    expect(started.status).toBe(200);
    await started.text();

    // The browser watched the run up to its approval: it holds the id of the last event.
    const before = await readEvents(runId, (received) =>
      received.chunks.some((chunk) => chunk.includes('"workflow-step-suspended"')),
    );
    const lastEventId = before.ids.at(-1);
    expect(lastEventId).toMatch(/^\d+\.[0-9a-z]+$/);

    // A suspended run survives the restart; the approval is given to the new process.
    await mastra.restart();
    const resumed = await fetch(`${routeUrl}/workflows/content-brief/resume-stream?runId=${runId}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ step: 'editorial-round.review', resumeData: { decision: 'approve' } }),
    });
    expect(resumed.status).toBe(200);
    const [reconnected, fresh, segment] = await Promise.all([
      readEvents(runId, finished, lastEventId),
      readEvents(runId, finished),
      resumed.text(),
    ]);
    // The resume segment itself went through the route to the browser that approved.
    expect(segment).toContain('"workflow-finish"');
    expect(finished(fresh)).toBe(true);
    // Everything the new process streamed reaches the browser that reconnected with its old id.
    expect(new Set(reconnected.chunks)).toEqual(new Set(fresh.chunks));
    expect(stepStarts(fresh).length).toBeGreaterThan(0);
  });
});
