import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  loadManifest,
  type RecordedScenario,
  readSegmentChunks,
  replayScenario,
} from '@stepline/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutputPositions } from '../model/output-positions';
import type { RunEvent } from '../model/run-event';
import { reduceRunEvents } from '../model/run-reducer';
import { createRunState, type RunState } from '../model/run-state';
import type { RunReference } from '../transport/run-transport';
import { createSseTransport } from '../transport/sse-transport';
import { SteplineError } from '../util/stepline-error';
import { createMastraStreamParser } from '../wire/mastra-stream-parser';
import { normalizeEvent } from '../wire/normalize-event';
import { lastEventIdFrom } from './last-event-id';
import { type FetchHandler, sendResponse, toNodeListener } from './node-adapter';
import { relayRunAsSse } from './relay-run-as-sse';

/**
 * The relay and the SSE transport end to end, over real HTTP, fed with the bytes recorded from the real
 * Mastra server: what a browser shows through an app's SSE route must be what it would show reading
 * Mastra directly.
 */

const scenarios = loadManifest().scenarios;
const scenarioNamed = (name: string) => scenarios.find((scenario) => scenario.name === name)!;

/**
 * The upstream a route relays for a scenario: what Mastra's `observe` answers once the run has finished
 * (every `stream`/`resume-stream` body once, in order), in the chunks recorded off the socket. A single
 * segment can be asked for instead (`segment=02-observe-running`, duplicates included).
 */
function upstreamPieces(scenario: RecordedScenario, segmentName: string | null): Uint8Array[] {
  const segments = scenario.segments.filter((segment) =>
    segmentName === null
      ? segment.kind === 'stream' || segment.kind === 'resume-stream'
      : segment.file.endsWith(`/${segmentName}.bin`),
  );
  if (segments.length === 0) throw new Error(`no upstream for ${scenario.name} ${segmentName}`);
  return segments.flatMap((segment) => readSegmentChunks(segment).map((chunk) => chunk.bytes));
}

function byteStream(
  pieces: readonly Uint8Array[],
  on: { readonly onEnd: () => void; readonly onCancel: () => void },
): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const piece = pieces[index++];
      if (piece !== undefined) {
        controller.enqueue(piece);
        return;
      }
      on.onEnd();
      controller.close();
    },
    cancel: on.onCancel,
  });
}

interface Connection {
  readonly lastEventId: number | undefined;
  readonly ids: number[];
  upstreamCancelled: boolean;
  upstreamEnded: boolean;
}

/** The app's route: relays the recorded upstream, and cuts each connection after `cutAfter` events. */
function createRoute() {
  const connections: Connection[] = [];
  const errors: unknown[] = [];
  async function respond(url: URL, lastEventId: number | undefined, signal: AbortSignal | undefined) {
    const scenario = scenarioNamed(url.searchParams.get('scenario')!);
    const pieces = upstreamPieces(scenario, url.searchParams.get('segment'));
    const connection: Connection = { lastEventId, ids: [], upstreamCancelled: false, upstreamEnded: false };
    connections.push(connection);
    const response = await relayRunAsSse({
      lastEventId,
      ...(signal ? { signal } : {}),
      heartbeatMs: 0,
      source: () =>
        byteStream(pieces, {
          onEnd: () => {
            connection.upstreamEnded = true;
          },
          onCancel: () => {
            connection.upstreamCancelled = true;
          },
        }),
      onError: (error) => errors.push(error),
    });
    const cutAfter = url.searchParams.get('cutAfter');
    const body = observeIds(response.body!, connection.ids, cutAfter === null ? undefined : Number(cutAfter));
    return new Response(body, { status: response.status, headers: response.headers });
  }
  /** Express style: `node:http` objects, `lastEventIdFrom(req)` and `sendResponse`. */
  async function nodeListener(req: IncomingMessage, res: ServerResponse) {
    const controller = new AbortController();
    res.on('close', () => controller.abort());
    const response = await respond(
      new URL(req.url!, 'http://route.test'),
      lastEventIdFrom(req),
      controller.signal,
    );
    await sendResponse(response, res);
  }
  /** Fetch style, as a Next.js route handler or a Hono app. */
  const fetchHandler: FetchHandler = (request) =>
    respond(new URL(request.url), lastEventIdFrom(request), request.signal);
  return { connections, errors, nodeListener, fetchHandler };
}

/**
 * Passes the relay's body through, noting the ids sent; with `cutAfter`, errors the body after that many
 * events plus half of the next one, as a dropped connection does.
 */
function observeIds(body: ReadableStream<Uint8Array>, ids: number[], cutAfter: number | undefined) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let sent = 0;
  let dropped = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (dropped) {
        // Only now: erroring a stream discards what is still queued in it.
        controller.error(new Error('connection dropped'));
        await reader.cancel('dropped');
        return;
      }
      const next = await reader.read();
      if (next.done) {
        controller.close();
        return;
      }
      // The relay writes whole events, so each write splits cleanly into blocks.
      const text = decoder.decode(next.value, { stream: true });
      const blocks = text.split('\n\n').slice(0, -1);
      let kept = '';
      for (const block of blocks) {
        const id = /^id: (\d+)\.[0-9a-z]+$/m.exec(block)?.[1];
        if (id !== undefined && cutAfter !== undefined && sent === cutAfter) {
          kept += block.slice(0, Math.floor(block.length / 2));
          dropped = true;
          break;
        }
        if (id !== undefined) {
          ids.push(Number(id));
          sent += 1;
        }
        kept += `${block}\n\n`;
      }
      controller.enqueue(encoder.encode(kept));
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

async function listen(listener: (req: IncomingMessage, res: ServerResponse) => Promise<void>) {
  const server = createServer((req, res) => void listener(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** As the controller reads a relay: one output numbering across the connections, which continue each other. */
function reduceChunks(chunks: readonly unknown[], state: RunState = createRunState()): RunState {
  const events: RunEvent[] = [];
  const positions = createOutputPositions();
  for (const chunk of chunks) {
    const event = normalizeEvent(chunk);
    if (event.ok && event.value.type !== 'unknown') events.push(positions.place(event.value));
  }
  return reduceRunEvents(state, events);
}

/** The upstream read directly, as a client of Mastra would: its records, in order, and the state. */
function readDirectly(pieces: readonly Uint8Array[]) {
  const texts: string[] = [];
  let state = createRunState();
  const parser = createMastraStreamParser({
    onEvents: (events) => {
      state = reduceRunEvents(state, events);
    },
  });
  for (const piece of pieces) parser.push(piece);
  parser.end();
  const text = new TextDecoder().decode(Buffer.concat(pieces));
  for (const record of text.split('\x1E')) {
    if (record.trim() === '') continue;
    texts.push(JSON.stringify(JSON.parse(record)));
  }
  return { texts, state };
}

/**
 * What the relay must send for an upstream: the run's history, each record once. A `stream` or
 * `resume-stream` body has no replay, so it is all of it; an `observe` answer holds the history of the
 * segments streamed before it (the running one in full), some of it twice.
 */
function historyBefore(scenario: RecordedScenario, segmentName: string | null): string[] {
  const segments = scenario.segments;
  const until =
    segmentName === null
      ? segments.length
      : segments.findIndex((segment) => segment.file.endsWith(`/${segmentName}.bin`));
  const streamed = segments
    .slice(0, until)
    .filter((segment) => segment.kind === 'stream' || segment.kind === 'resume-stream');
  return readDirectly(streamed.flatMap((segment) => readSegmentChunks(segment).map((chunk) => chunk.bytes)))
    .texts;
}

async function observeUntilEnd(
  transport: ReturnType<typeof createSseTransport>,
  run: RunReference,
  chunks: unknown[],
) {
  let drops = 0;
  for (;;) {
    try {
      await transport.observeRun(run, { onChunks: (batch) => chunks.push(...batch) });
      return drops;
    } catch (error) {
      if (!SteplineError.isInstance(error) || error.code !== 'network' || drops > 100) throw error;
      drops += 1;
    }
  }
}

const routes = {
  'node:http + sendResponse': (route: ReturnType<typeof createRoute>) => listen(route.nodeListener),
  'fetch handler + toNodeListener': (route: ReturnType<typeof createRoute>) =>
    listen(toNodeListener(route.fetchHandler)),
};

describe.each(Object.entries(routes))('relay served by %s, read by the SSE transport', (_name, serve) => {
  const route = createRoute();
  let server: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    server = await serve(route);
  });
  afterAll(() => server.close());

  const transportFor = () => createSseTransport({ url: (run) => `${server.url}/events?${run.runId}` });

  it.each(scenarios.map((scenario) => [scenario.name, scenario] as const))(
    '%s: the same final state as reading the recording directly',
    async (name, scenario) => {
      const chunks: unknown[] = [];
      const run = { workflowId: scenario.workflowId, runId: `scenario=${name}` };
      await transportFor().observeRun(run, { onChunks: (batch) => chunks.push(...batch) });
      // Exactly the records, in order: nothing lost, nothing twice, nothing dropped for looking like
      // another (each resume segment opens with the same workflow-start).
      expect(chunks.map((chunk) => JSON.stringify(chunk))).toEqual(historyBefore(scenario, null));
      expect(reduceChunks(chunks)).toEqual(replayScenario(scenario).state);
    },
  );

  it('relays a live observe (history + replayed buffer) without its duplicates', async () => {
    const scenario = scenarioNamed('content-brief-observe');
    const segment = '02-observe-running';
    const chunks: unknown[] = [];
    await transportFor().observeRun(
      { workflowId: scenario.workflowId, runId: `scenario=${scenario.name}&segment=${segment}` },
      { onChunks: (batch) => chunks.push(...batch) },
    );
    const direct = readDirectly(upstreamPieces(scenario, segment));
    const history = historyBefore(scenario, segment);
    expect(direct.texts.length).toBeGreaterThan(history.length);
    expect(chunks.map((chunk) => JSON.stringify(chunk))).toEqual(history);
    expect(reduceChunks(chunks)).toEqual(direct.state);
  });

  it.each([
    ['content-brief-observe', '02-observe-running', 4],
    ['content-brief-observe', '05-observe-finished', 5],
    ['kitchen-sink', null, 7],
    ['many-steps', null, 97],
  ] as const)(
    '%s %s: reconnects with Last-Event-ID after drops every %i events, without duplicates or gaps',
    async (name, segment, cutAfter) => {
      const scenario = scenarioNamed(name);
      const first = route.connections.length;
      const transport = transportFor();
      const run = {
        workflowId: scenario.workflowId,
        runId: `scenario=${name}${segment ? `&segment=${segment}` : ''}&cutAfter=${cutAfter}`,
      };
      const chunks: unknown[] = [];
      const drops = await observeUntilEnd(transport, run, chunks);

      const direct = readDirectly(upstreamPieces(scenario, segment));
      const history = historyBefore(scenario, segment);
      const total = history.length;
      expect(drops).toBe(Math.ceil(total / cutAfter) - 1);
      const connections = route.connections.slice(first);
      expect(connections).toHaveLength(drops + 1);
      // Each reconnect asked for what followed the last complete event; the relay went on from there.
      expect(connections.map((connection) => connection.lastEventId)).toEqual(
        connections.map((_connection, index) => (index === 0 ? undefined : index * cutAfter)),
      );
      const ids = connections.flatMap((connection) => connection.ids);
      expect(ids).toEqual(Array.from({ length: total }, (_value, index) => index + 1));
      expect(chunks.map((chunk) => JSON.stringify(chunk))).toEqual(history);
      expect(transport.lastEventIdOf(run)?.split('.')[0]).toBe(String(total));
      // Every dropped connection stopped its upstream, unless it had read all of it already.
      const dropped = connections.slice(0, -1);
      await expect
        .poll(() => dropped.every((connection) => connection.upstreamCancelled || connection.upstreamEnded))
        .toBe(true);
      // many-steps arrives in many reads, so its first drop comes long before the upstream ends.
      if (name === 'many-steps') expect(dropped[0]?.upstreamCancelled).toBe(true);
      expect(reduceChunks(chunks)).toEqual(segment === null ? replayScenario(scenario).state : direct.state);
    },
  );
});

describe('relay as an in-process fetch handler (a Next.js route handler), read by the SSE transport', () => {
  it('gives the same final state for every recorded scenario', async () => {
    const route = createRoute();
    const transport = createSseTransport({
      url: (run) => `http://route.test/events?${run.runId}`,
      fetch: (input, init) => Promise.resolve(route.fetchHandler(new Request(input, init))),
    });
    for (const scenario of scenarios) {
      const chunks: unknown[] = [];
      await transport.observeRun(
        { workflowId: scenario.workflowId, runId: `scenario=${scenario.name}` },
        { onChunks: (batch) => chunks.push(...batch) },
      );
      expect(reduceChunks(chunks), scenario.name).toEqual(replayScenario(scenario).state);
    }
  });
});
