import { describe, expect, it } from 'vitest';
import { type EdgeMix, edgeMixChunks } from './edge-mixes.ts';
import { countChunkTypes } from './recorded-shape-stream.ts';

function agentTypes(chunks: readonly unknown[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const chunk of chunks) {
    const output = (chunk as { payload?: { output?: { type?: string } } }).payload?.output;
    if (output?.type) counts[output.type] = (counts[output.type] ?? 0) + 1;
  }
  return counts;
}

describe('edgeMixChunks', () => {
  it.each<EdgeMix>(['foreach', 'parallel', 'agent-tools', 'agent-parts'])(
    '%s: about the events asked for, one run from start to finish',
    (mix) => {
      const chunks = edgeMixChunks(mix, 10_000);
      expect(chunks.length).toBeGreaterThan(9_900);
      expect(chunks.length).toBeLessThanOrEqual(10_000);
      const types = countChunkTypes(chunks);
      expect(types['workflow-start']).toBe(1);
      expect(types['workflow-finish']).toBe(1);
    },
  );

  it('foreach: a progress event per item, each index once', () => {
    const chunks = edgeMixChunks('foreach', 10_000);
    const indexes = chunks
      .filter((chunk) => (chunk as { type: string }).type === 'workflow-step-progress')
      .map((chunk) => (chunk as { payload: { currentIndex: number } }).payload.currentIndex);
    expect(indexes.length).toBeGreaterThan(9_900);
    expect(new Set(indexes).size).toBe(indexes.length);
  });

  it('parallel: every branch starts before the first ends', () => {
    const types = chunksInOrder(edgeMixChunks('parallel', 10_000));
    const firstResult = types.indexOf('workflow-step-result');
    expect(types.lastIndexOf('workflow-step-start')).toBeLessThan(firstResult);
    expect(types.filter((type) => type === 'workflow-step-start')).toHaveLength(4_999);
  });

  it('agent: tool calls paired with results; text parts each started, streamed and ended', () => {
    expect(agentTypes(edgeMixChunks('agent-tools', 10_000))).toEqual({
      'tool-call': 4_998,
      'tool-result': 4_998,
    });
    expect(agentTypes(edgeMixChunks('agent-parts', 10_000))).toEqual({
      'text-start': 1_999,
      'text-delta': 5_997,
      'text-end': 1_999,
    });
  });
});

function chunksInOrder(chunks: readonly unknown[]): string[] {
  return chunks.map((chunk) => (chunk as { type: string }).type);
}
