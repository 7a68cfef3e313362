import { loadManifest, readSegmentRecords } from '@stepline/test-support';
import { describe, expect, it } from 'vitest';
import { countChunkTypes, recordedShapeChunks, type StreamMix } from './recorded-shape-stream.ts';

const envelopes = new Set(['workflow-start', 'workflow-finish', 'workflow-canceled', 'workflow-paused']);

/** Share of each event type, run envelopes left out (a benchmark run is one long run, not many short ones). */
function shares(counts: Record<string, number>): Record<string, number> {
  const entries = Object.entries(counts).filter(([type]) => !envelopes.has(type));
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  return Object.fromEntries(entries.map(([type, count]) => [type, count / total]));
}

/** The recordings of the example workflows: not the 500-step stress run, not the agent runs (own mix). */
function recordedShares(): Record<string, number> {
  const records = loadManifest()
    .scenarios.filter((scenario) => scenario.name !== 'many-steps' && !scenario.name.includes('agent'))
    .flatMap((scenario) => scenario.segments.flatMap((segment) => readSegmentRecords(segment)));
  return shares(countChunkTypes(records));
}

describe('recordedShapeChunks', () => {
  // Regression: the generator picked a block kind with `block % 5` while `block` counted steps and
  // moved by 1 or 3, so the "mixed" stream held only step-starts and step-results.
  it('the recorded mix holds every kind of event the recordings hold, in about their proportions', () => {
    const generated = shares(
      countChunkTypes(recordedShapeChunks({ events: 20_000, distinctSteps: 500, mix: 'recorded' })),
    );
    const recorded = recordedShares();
    for (const [type, share] of Object.entries(recorded)) {
      expect(generated[type], type).toBeDefined();
      // Within a third of the recorded share, or half a percentage point for the rare types.
      expect(Math.abs(generated[type]! - share), type).toBeLessThanOrEqual(Math.max(share / 3, 0.005));
    }
  });

  it.each<[StreamMix, string[]]>([
    ['steps', ['workflow-step-start', 'workflow-step-result']],
    ['loop', ['workflow-step-start', 'workflow-step-result']],
    ['agent', ['workflow-step-start', 'workflow-step-output', 'workflow-step-result']],
    ['writer', ['workflow-step-start', 'workflow-step-output', 'data-progress', 'workflow-step-result']],
    ['decreasing', ['workflow-step-start', 'workflow-step-result']],
  ])('the %s mix holds exactly %j besides the run envelope', (mix, types) => {
    const counts = countChunkTypes(recordedShapeChunks({ events: 5_000, distinctSteps: 50, mix }));
    expect(
      Object.keys(counts)
        .filter((type) => !envelopes.has(type))
        .sort(),
    ).toEqual([...types].sort());
  });

  it('the agent mix is mostly agent text, and the loop mix repeats one step as iterations', () => {
    const agent = countChunkTypes(recordedShapeChunks({ events: 5_000, distinctSteps: 50, mix: 'agent' }));
    expect(agent['workflow-step-output']! / 5_000).toBeGreaterThan(0.9);
    const loop = recordedShapeChunks({ events: 1_000, distinctSteps: 50, mix: 'loop' }) as {
      type: string;
      payload?: { id?: string; metadata?: { iterationCount?: number } };
    }[];
    const starts = loop.filter((chunk) => chunk.type === 'workflow-step-start');
    expect(new Set(starts.map((chunk) => chunk.payload?.id))).toEqual(new Set(['step-0']));
    expect(starts.at(-1)?.payload?.metadata?.iterationCount).toBe(starts.length);
  });

  it('the writer mix is mostly distinct writes and data chunks; the decreasing mix starts every step earlier', () => {
    const writer = recordedShapeChunks({ events: 5_000, distinctSteps: 50, mix: 'writer' });
    const counts = countChunkTypes(writer);
    expect((counts['workflow-step-output']! + counts['data-progress']!) / writer.length).toBeGreaterThan(0.9);
    const values = writer
      .filter((chunk) => (chunk as { type: string }).type !== 'workflow-step-start')
      .map((chunk) =>
        JSON.stringify(
          (chunk as { payload?: unknown; data?: unknown }).payload ?? (chunk as { data?: unknown }).data,
        ),
      );
    // Distinct: none is a replay of an earlier one (apart from the run envelope).
    expect(new Set(values).size).toBeGreaterThan(values.length - 3);

    const decreasing = recordedShapeChunks({ events: 2_000, distinctSteps: 50, mix: 'decreasing' }) as {
      type: string;
      payload?: { id?: string; startedAt?: number };
    }[];
    const starts = decreasing.filter((chunk) => chunk.type === 'workflow-step-start');
    expect(new Set(starts.map((chunk) => chunk.payload?.id)).size).toBe(starts.length);
    for (let index = 1; index < starts.length; index++) {
      expect(starts[index]!.payload!.startedAt!).toBeLessThan(starts[index - 1]!.payload!.startedAt!);
    }
  });

  it('produces about the number of events asked for', () => {
    for (const mix of ['steps', 'recorded', 'agent', 'loop', 'writer', 'decreasing'] as const) {
      const length = recordedShapeChunks({ events: 10_000, distinctSteps: 500, mix }).length;
      expect(length, mix).toBeGreaterThanOrEqual(10_000);
      expect(length, mix).toBeLessThan(10_000 + 400);
    }
  });
});
