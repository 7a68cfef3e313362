/**
 * Helpers for the component tests in this folder; not part of the package (nothing imports them but
 * `*.test.tsx`). Runs come from streams recorded from a real Mastra server (`fixtures/recorded`), served
 * through the real HTTP transport by `@stepline/client/testing`'s mock fetch.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type ChunkHandlers,
  createMastraHttpTransport,
  createRunState,
  mergeSnapshot,
  normalizeSnapshot,
  type RunController,
  type RunState,
  type RunTransport,
} from '@stepline/client';
import {
  createMockMastraFetch,
  type MastraChunk,
  type MockMastraFetch,
  type MockSegment,
} from '@stepline/client/testing';
import {
  fixturesDir,
  loadManifest,
  type RecordedScenario,
  readSegmentRecords,
  readSnapshot,
  replayScenario,
} from '@stepline/test-support';
import { act } from '@testing-library/react';
import type { ReactNode } from 'react';
import { useRunController } from '../src/run-scope';

export const baseUrl = 'http://mastra.test';

export function scenario(name: string): RecordedScenario {
  const found = loadManifest().scenarios.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no recorded scenario ${name}`);
  return found;
}

/** The run as a client that saw the first `segments` responses of the scenario (all by default) holds it. */
export function recordedState(name: string, segments?: number): RunState {
  const recorded = scenario(name);
  const cut =
    segments === undefined ? recorded : { ...recorded, segments: recorded.segments.slice(0, segments) };
  return replayScenario(cut).state;
}

/** A recorded snapshot (`moment`: 'suspended', 'mid-parallel', …) merged into an empty state. */
export function recordedSnapshotState(name: string, moment: string): RunState {
  const normalized = normalizeSnapshot(recordedSnapshotBody(name, moment));
  if (!normalized.ok) throw normalized.error;
  return mergeSnapshot(createRunState(), normalized.value);
}

/** The body of `GET /workflows/:id/runs/:runId` the server answered at that moment. */
export function recordedSnapshotBody(name: string, moment: string): unknown {
  const file = scenario(name).snapshots.find((snapshot) => snapshot.moment === moment)?.file;
  if (!file) throw new Error(`scenario ${name} has no ${moment} snapshot`);
  return readSnapshot(file);
}

/** `GET /workflows/:id` as the real server answered it. */
export function recordedWorkflowBody(workflowId: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(fixturesDir, 'workflows', `${workflowId}.json`), 'utf8')) as Record<
    string,
    unknown
  >;
}

/** The recorded `stream` / `resume-stream` responses of a scenario as mock segments, chunk for chunk. */
export function recordedSegments(name: string): MockSegment[] {
  return scenario(name)
    .segments.filter((segment) => segment.kind === 'stream' || segment.kind === 'resume-stream')
    .map((segment) => ({ events: readSegmentRecords(segment) as MastraChunk[] }));
}

export interface RecordedServer {
  readonly fetch: MockMastraFetch;
  readonly transport: RunTransport;
  readonly workflowId: string;
  readonly runId: string;
  /** Plays the scenario's first segment on the "server", as if the run had been started elsewhere. */
  startRun(): Promise<void>;
}

/** A mock Mastra server that knows one recorded scenario and its workflow. */
export function recordedServer(name: string, options: { delayMs?: number } = {}): RecordedServer {
  const recorded = scenario(name);
  const fetch = createMockMastraFetch({
    runs: [{ workflowId: recorded.workflowId, runId: recorded.runId, segments: recordedSegments(name) }],
    workflows: { [recorded.workflowId]: recordedWorkflowBody(recorded.workflowId) },
    ...(options.delayMs === undefined ? {} : { delayMs: options.delayMs }),
  });
  const transport = createMastraHttpTransport({ baseUrl, fetch });
  return {
    fetch,
    transport,
    workflowId: recorded.workflowId,
    runId: recorded.runId,
    startRun: () =>
      transport.streamRun(
        { workflowId: recorded.workflowId, runId: recorded.runId },
        { inputData: recorded.segments[0]?.request.body },
        noHandlers,
      ),
  };
}

const noHandlers: ChunkHandlers = { onChunks: () => {}, onError: () => {} };

/** A transport that only knows workflows (for views driven through the store). */
export function detailsOnlyTransport(...workflowIds: string[]): {
  transport: RunTransport;
  fetch: MockMastraFetch;
} {
  const fetch = createMockMastraFetch({
    workflows: Object.fromEntries(workflowIds.map((id) => [id, recordedWorkflowBody(id)])),
  });
  return { transport: createMastraHttpTransport({ baseUrl, fetch }), fetch };
}

/** Renders nothing; hands the run's controller to the test. */
export function CaptureController({
  onController,
}: {
  onController: (controller: RunController) => void;
}): ReactNode {
  onController(useRunController('CaptureController'));
  return null;
}

/** Lets the store's microtask, the frame throttle and React commit. */
export async function settle(ms = 40): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, ms));
  });
}

/** Puts a state into the store (the run's ids kept) and lets the view catch up. */
export async function showState(controller: RunController, state: RunState): Promise<void> {
  const current = controller.store.getSnapshot();
  await act(async () => {
    controller.store.setState({ ...state, runId: current.runId, workflowId: current.workflowId });
  });
  await settle();
}
