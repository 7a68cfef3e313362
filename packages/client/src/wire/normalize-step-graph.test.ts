import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesDir } from '@stepline/test-support';
import { describe, expect, it } from 'vitest';
import type { WorkflowGraphNode } from '../model/workflow-graph';
import { normalizeStepGraph } from './normalize-step-graph';

function recordedGraph(workflowId: string): unknown {
  const details = JSON.parse(readFileSync(join(fixturesDir, 'workflows', `${workflowId}.json`), 'utf8'));
  return details.stepGraph;
}

/** The graph as a short outline, to compare shapes at a glance. */
function outline(nodes: readonly WorkflowGraphNode[]): string[] {
  return nodes.map((node) => {
    switch (node.kind) {
      case 'step':
        return node.children
          ? `${node.id}:${node.role}[${outline(node.children).join(' ')}]`
          : `${node.id}:${node.role}${node.hidden ? ':hidden' : ''}${node.canSuspend ? ':suspends' : ''}`;
      case 'parallel':
      case 'conditional':
        return `${node.kind}(${outline(node.branches).join(' ')})`;
      case 'loop':
        return `${node.loopType}(${outline([node.body]).join(' ')})`;
      default:
        return `foreach/${node.concurrency}(${outline([node.body]).join(' ')})`;
    }
  });
}

describe('normalizeStepGraph', () => {
  it('reads the recorded content-brief graph: parallel research, a dountil loop over a nested workflow', () => {
    expect(outline(normalizeStepGraph(recordedGraph('content-brief'))!)).toEqual([
      'outline:step',
      'parallel(research-sources:step research-competitors:step research-audience:step)',
      'synthesize:step',
      'dountil(editorial-round:workflow[review:step:suspends conditional(revise:step) round-result:mapping])',
      'editorial-decision:step',
      'publish:step',
    ]);
  });

  it('reads the recorded kitchen-sink graph: branch, map, nested workflow, sleeps, foreach', () => {
    expect(outline(normalizeStepGraph(recordedGraph('kitchen-sink'))!)).toEqual([
      'prepare:step',
      'conditional(fast-path:step thorough-path:step)',
      'mapping_kitchen-sink_0:mapping:hidden',
      'kitchen-sink-inner:workflow[inner-fetch:step inner-check:step]',
      'sleep_82a0dcbf-b77c-4e7d-b0cc-adc8d304516d:sleep:hidden',
      'report-progress:step',
      'cool-down:sleep',
      'list-items:mapping',
      'foreach/2(process-item:step)',
      'summarize:step',
    ]);
  });

  it('reads agent and tool steps, dowhile, and a nested workflow in the older step form', () => {
    const graph = normalizeStepGraph([
      { type: 'agent', id: 'writer', agentId: 'writer', description: 'Write' },
      { type: 'tool', id: 'lookup', toolId: 'lookup' },
      {
        type: 'loop',
        loopType: 'dowhile',
        step: { type: 'step', step: { id: 'poll' } },
        serializedCondition: { id: 'c', fn: '' },
      },
      {
        type: 'step',
        step: {
          id: 'inner-flow',
          component: 'WORKFLOW',
          serializedStepFlow: [{ type: 'step', step: { id: 'a' } }],
        },
      },
      { type: 'foreach', step: { type: 'step', step: { id: 'each' } } },
    ]);
    expect(outline(graph!)).toEqual([
      'writer:agent',
      'lookup:tool',
      'dowhile(poll:step)',
      'inner-flow:workflow[a:step]',
      'foreach/undefined(each:step)',
    ]);
    expect(graph![0]).toMatchObject({ description: 'Write' });
  });

  it('is not a graph unless an array; skips entries it cannot read, keeps unknown kinds that name a step', () => {
    expect(normalizeStepGraph(undefined)).toBeUndefined();
    expect(normalizeStepGraph({ type: 'step' })).toBeUndefined();
    const graph = normalizeStepGraph([
      null,
      42,
      { type: 'step' },
      { type: 'step', step: { id: '' } },
      { type: 'loop' },
      { type: 'future-kind', id: 'new-thing' },
      { type: 'future-kind' },
      { type: 'parallel', steps: 'nope' },
    ]);
    expect(outline(graph!)).toEqual(['new-thing:step', 'parallel()']);
  });

  it('stops at a depth no workflow has (a hostile or cyclic value)', () => {
    const deep: Record<string, unknown> = { type: 'step', step: { id: 'leaf' } };
    let node = deep;
    for (let i = 0; i < 1_000; i++) node = { type: 'loop', loopType: 'dountil', step: node };
    expect(() => normalizeStepGraph([node])).not.toThrow();
  });
});
