import { loadAgentManifest, readSegmentRecords } from '@stepline/test-support';
import { describe, expect, it } from 'vitest';
import { normalizeEvent } from '../wire/normalize-event';
import { mastraEvents } from './mastra-events';

type Json = Record<string, unknown>;

describe('mastraEvents.agentChunk', () => {
  it('rebuilds the recorded agent chunks of a real run, key order included', () => {
    const research = loadAgentManifest().scenarios.find((scenario) => scenario.name === 'agent-research')!;
    const records = readSegmentRecords(research.segments[0]!) as Json[];
    const agentRecords = records.filter(
      (record) =>
        record.type === 'workflow-step-output' &&
        ['text-delta', 'tool-call', 'reasoning-start', 'text-start'].includes(
          ((record.payload as Json).output as Json).type as string,
        ),
    );
    expect(agentRecords.length).toBeGreaterThan(10);
    for (const record of agentRecords) {
      const payload = record.payload as Json;
      const output = payload.output as Json;
      const rebuilt = mastraEvents.agentChunk(
        payload.stepName as string,
        output.runId as string,
        output.type as string,
        output.payload as Json,
        { runId: record.runId as string },
      );
      expect(JSON.stringify(rebuilt)).toBe(JSON.stringify(record));
    }
  });

  it('builds chunks the normalizer reads as agent output', () => {
    const event = normalizeEvent(
      mastraEvents.agentChunk('write-story', 'agent-1', 'text-delta', { id: 'txt-0', text: ' cat' }),
    );
    expect(event.ok && event.value.type === 'step-output' && event.value.agentChunk).toEqual({
      type: 'text-delta',
      agentRunId: 'agent-1',
      partId: 'txt-0',
      text: ' cat',
    });
  });
});
