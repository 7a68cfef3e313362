import {
  finalSnapshotOf,
  loadManifest,
  readSegmentChunks,
  readSegmentRecords,
  readSnapshot,
} from '@stepline/test-support';
import { describe, expect, it } from 'vitest';
import { normalizeSnapshot } from '../wire/normalize-snapshot';
import { mastraRunListEntry, mastraSnapshotFromEvents } from './mastra-snapshot';

type Json = Record<string, unknown>;

/** What the stored run says about each step and the run, without the timing fields. */
function essentials(snapshot: Json) {
  const steps: Record<string, unknown> = {};
  for (const [id, step] of Object.entries(snapshot.steps as Record<string, Json>)) {
    steps[id] = {
      status: step.status,
      payload: step.payload,
      output: step.output,
      error: step.error,
      suspendPayload: step.suspendPayload,
      resumePayload: step.resumePayload,
    };
  }
  return {
    status: snapshot.status,
    result: snapshot.result,
    error: snapshot.error,
    payload: snapshot.payload,
    steps,
  };
}

/** The chunks of a scenario's `stream` and `resume-stream` bodies: what the run itself produced. */
function runChunks(name: string): unknown[] {
  const scenario = loadManifest().scenarios.find((candidate) => candidate.name === name)!;
  return scenario.segments
    .filter((segment) => segment.kind === 'stream' || segment.kind === 'resume-stream')
    .flatMap((segment) => readSegmentRecords(segment));
}

describe('mastraSnapshotFromEvents', () => {
  const scenarios = loadManifest().scenarios;

  it.each(scenarios.map((scenario) => [scenario.name, scenario] as const))(
    'derives the stored final state of %s from its streams',
    (_, scenario) => {
      const recorded = finalSnapshotOf(scenario) as Json;
      const derived = mastraSnapshotFromEvents(runChunks(scenario.name), {
        runId: scenario.runId,
        workflowId: scenario.workflowId,
        input: (scenario.segments[0]!.request.body as Json).inputData,
      });
      expect(essentials(derived)).toEqual(essentials(recorded));
      expect(Object.keys(derived)).toEqual(Object.keys(recorded));
    },
  );

  // Every snapshot the recorder took between two segments (none streaming): derived from the segments
  // that had ended by then. Covers the refused resumes (run stays suspended), the second of two parallel
  // approvals still waiting after a `success` finish, and a run cut by a kill staying `running`.
  const betweenSegments = loadManifest().scenarios.flatMap((scenario) => {
    const segments = scenario.segments
      .filter((segment) => segment.kind === 'stream' || segment.kind === 'resume-stream')
      .map((segment) => {
        const chunks = readSegmentChunks(segment);
        return { segment, end: chunks[chunks.length - 1]?.atMs ?? segment.openedAtMs };
      });
    return scenario.snapshots
      .filter((snapshot) => snapshot.moment !== 'final')
      .filter((snapshot) =>
        segments.every(
          ({ segment, end }) => segment.openedAtMs > snapshot.takenAtMs || end <= snapshot.takenAtMs,
        ),
      )
      .map((snapshot) => ({
        name: `${scenario.name} ${snapshot.moment}`,
        scenario,
        file: snapshot.file,
        ended: segments.filter(({ end }) => end <= snapshot.takenAtMs).map(({ segment }) => segment),
      }));
  });

  it('covers the recorded snapshots taken between segments', () => {
    expect(betweenSegments.length).toBeGreaterThanOrEqual(10);
  });

  it.each(betweenSegments.map((entry) => [entry.name, entry] as const))(
    'derives the stored state at %s',
    (_, { scenario, file, ended }) => {
      const events = ended.flatMap((segment) => readSegmentRecords(segment));
      const derived = mastraSnapshotFromEvents(events, {
        runId: scenario.runId,
        workflowId: scenario.workflowId,
        input: (scenario.segments[0]!.request.body as Json).inputData,
      });
      expect(essentials(derived)).toEqual(essentials(readSnapshot(file) as Json));
    },
  );

  it('keeps the suspended state of the content-brief review like the recorded snapshot', () => {
    const scenario = loadManifest().scenarios.find(
      (candidate) => candidate.name === 'content-brief-approve',
    )!;
    const firstSegment = readSegmentRecords(scenario.segments[0]!);
    const derived = mastraSnapshotFromEvents(firstSegment, {
      runId: scenario.runId,
      workflowId: scenario.workflowId,
      input: (scenario.segments[0]!.request.body as Json).inputData,
    });
    const recorded = readSnapshot('content-brief-approve/snapshot-suspended.json') as Json;
    expect(essentials(derived)).toEqual(essentials(recorded));
    expect(derived.suspendedPaths).toEqual(recorded.suspendedPaths);
    expect(normalizeSnapshot(derived).ok).toBe(true);
  });

  it('is running while a segment is live, and pending before anything happened', () => {
    expect(mastraSnapshotFromEvents([], { runId: 'r', workflowId: 'w' }).status).toBe('pending');
    const events = runChunks('kitchen-sink').slice(0, 5);
    expect(mastraSnapshotFromEvents(events, { runId: 'r', workflowId: 'w', live: true }).status).toBe(
      'running',
    );
  });

  it('wraps a snapshot as a runs-list entry the way Mastra lists runs', () => {
    const scenario = loadManifest().scenarios.find((candidate) => candidate.name === 'always-fails')!;
    const snapshot = finalSnapshotOf(scenario) as Json;
    const entry = mastraRunListEntry(snapshot);
    expect(Object.keys(entry)).toEqual([
      'workflowName',
      'runId',
      'snapshot',
      'resourceId',
      'createdAt',
      'updatedAt',
    ]);
    const stored = entry.snapshot as Json;
    expect(stored.status).toBe('failed');
    expect(Object.keys(stored.context as Json)).toEqual(['input', ...Object.keys(snapshot.steps as Json)]);
    const normalized = normalizeSnapshot(entry);
    expect(normalized.ok && normalized.value.status).toBe('failed');
  });
});
