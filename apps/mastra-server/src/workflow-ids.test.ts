import { describe, expect, it } from 'vitest';
import { createWorkflows } from './mastra.ts';
import { exampleWorkflowIds } from './workflow-ids.ts';

describe('exampleWorkflowIds', () => {
  it('names every workflow the server registers, and no other (a route listing a missing one reports it failed)', () => {
    expect([...exampleWorkflowIds].sort()).toEqual(Object.keys(createWorkflows()).sort());
  });
});
