import { loadManifest, readSnapshot, replayScenario } from '@stepline/test-support';
import { describe, expect, it } from 'vitest';
import { mastraEvents } from '../testing/mastra-events';
import { normalizeEvent } from '../wire/normalize-event';
import { normalizeSnapshot } from '../wire/normalize-snapshot';
import { mergeSnapshot } from './run-reducer';
import { selectSuspendedSteps } from './run-selectors';
import { createRunState } from './run-state';
import { isStepActive, stepAwaitsDecision } from './step-activity';

const byName = (name: string) => loadManifest().scenarios.find((scenario) => scenario.name === name)!;

describe('which steps await a decision', () => {
  it('reads the nested container from the typed field the normalizer sets, and drops the bookkeeping', () => {
    const container = normalizeEvent(
      mastraEvents.stepSuspended('approval-chain', {
        suspendPayload: {
          reason: 'Over limit',
          __workflow_meta: { runId: 'r1', path: ['manager-approval'] },
        },
      }),
    );
    expect(container.ok && container.value).toMatchObject({
      type: 'step-suspended',
      suspendPayload: { reason: 'Over limit' },
      suspendedChildPath: ['manager-approval'],
    });
    expect(JSON.stringify(container)).not.toContain('__workflow_meta');
    const leaf = normalizeEvent(mastraEvents.stepSuspended('approval-chain.manager-approval'));
    expect(leaf.ok && leaf.value.type === 'step-suspended' && leaf.value.suspendedChildPath).toBeUndefined();
  });

  it('names the suspended leaf of a recorded nested approval, live and from the stored snapshot alone', () => {
    const scenario = byName('nested-approval');
    const live = replayScenario({ ...scenario, segments: scenario.segments.slice(0, 1) }).state;
    expect(live.steps.get('approval-chain')!.suspendedChildPath).toEqual(['manager-approval']);
    expect(selectSuspendedSteps(live).map((step) => step.id)).toEqual(['approval-chain.manager-approval']);

    const suspended = scenario.snapshots.find((snapshot) => snapshot.moment === 'suspended')!;
    const snapshot = normalizeSnapshot(readSnapshot(suspended.file));
    if (!snapshot.ok) throw snapshot.error;
    const stored = mergeSnapshot(createRunState(), snapshot.value);
    const awaiting = stored.stepIds.toArray().filter((id) => stepAwaitsDecision(stored.steps.get(id)!));
    expect(awaiting).toEqual(['approval-chain.manager-approval']);
    expect(JSON.stringify(stored)).not.toContain('__workflow_meta');
  });

  it('counts running and waiting as active, and nothing else', () => {
    expect(isStepActive('running')).toBe(true);
    expect(isStepActive('waiting')).toBe(true);
    for (const status of ['pending', 'suspended', 'paused', 'success', 'failed', 'canceled'] as const) {
      expect(isStepActive(status)).toBe(false);
    }
  });
});
