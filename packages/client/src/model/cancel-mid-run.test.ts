import { loadManifest, readSegmentRecords, readSnapshot } from '@stepline/test-support';
import { describe, expect, it } from 'vitest';
import { chunksToEvents } from '../wire/chunks-to-events';
import { normalizeSnapshot } from '../wire/normalize-snapshot';
import { mergeSnapshot, reduceRunEvents } from './run-reducer';
import { createRunState } from './run-state';
import { runElapsedMs, selectRunTiming } from './run-timing';

// slow-pipeline canceled on a real Mastra 1.71 while stage-04 ran: stage-04 ends `failed` (AbortError
// "The run was canceled"), then workflow-canceled and workflow-finish canceled.
const scenario = loadManifest().scenarios.find((candidate) => candidate.name === 'cancel-mid-run')!;
const records = readSegmentRecords(scenario.segments[0]!);
const snapshotAfterCancel = readSnapshot(
  scenario.snapshots.find((snapshot) => snapshot.moment === 'after-cancel')!.file,
);
const isStage04Result = (record: unknown) => {
  const chunk = record as { type?: string; payload?: { id?: string } };
  return chunk.type === 'workflow-step-result' && chunk.payload?.id === 'stage-04';
};
const stateOf = (chunks: unknown[]) => reduceRunEvents(createRunState(), chunksToEvents(chunks, {}));
const snapshot = () => {
  const read = normalizeSnapshot(snapshotAfterCancel);
  if (!read.ok) throw read.error;
  return read.value;
};

describe('cancel leaves a step running', () => {
  it('the step the cancel aborted is `canceled`, not a failure', () => {
    const state = stateOf(records);
    expect(state.status).toBe('canceled');
    expect(state.steps.get('stage-04')?.status).toBe('canceled');
    expect(state.steps.get('stage-03')?.status).toBe('success');
  });

  it('a step whose result never came is `canceled` once the run is, whichever came first', () => {
    const withoutResult = records.filter((record) => !isStage04Result(record));
    const forwards = stateOf(withoutResult);
    expect(forwards.steps.get('stage-04')?.status).toBe('canceled');
    // The cancel first, then a replay of the steps: still canceled, and the same state.
    const cancelFirst = withoutResult.filter((record) =>
      (record as { type: string }).type.startsWith('workflow-c'),
    );
    const backwards = reduceRunEvents(stateOf(cancelFirst), chunksToEvents(withoutResult, {}));
    expect(backwards.steps.get('stage-04')?.status).toBe('canceled');
    expect(backwards.status).toBe('canceled');
    // Applying it all again changes nothing.
    expect(reduceRunEvents(forwards, chunksToEvents(withoutResult, {}))).toBe(forwards);
  });

  it('a view that read the run while stage-04 ran, then the canceled snapshot, shows no step running', () => {
    const running = stateOf(
      records.filter(
        (record) =>
          !isStage04Result(record) &&
          !String((record as { type: string }).type).includes('cancel') &&
          !String((record as { type: string }).type).includes('finish'),
      ),
    );
    expect(running.steps.get('stage-04')?.status).toBe('running');
    const after = mergeSnapshot(running, {
      ...snapshot(),
      steps: {
        ...snapshot().steps,
        'stage-04': {
          ...snapshot().steps['stage-04']!,
          status: 'running',
          endedAt: undefined,
          error: undefined,
        },
      },
    });
    expect(after.status).toBe('canceled');
    expect([...after.steps.values()].filter((step) => step.status === 'running')).toEqual([]);
  });

  it('elapsed is the run’s real span, up to the cancel, not the last step event', () => {
    const state = mergeSnapshot(stateOf(records), snapshot());
    const timing = selectRunTiming(state);
    const stored = snapshotAfterCancel as { updatedAt: string };
    expect(runElapsedMs(timing, undefined)).toBe(Date.parse(stored.updatedAt) - timing.startedAt!);
  });
});
