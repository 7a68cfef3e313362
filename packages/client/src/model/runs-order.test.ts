import { describe, expect, it } from 'vitest';
import type { RunSnapshot, RunStatus } from './run-event';
import { sortRunsActiveFirst } from './runs-order';

const run = (runId: string, status: RunStatus, createdAt: number): RunSnapshot => ({
  runId,
  workflowId: 'w',
  status,
  input: undefined,
  result: undefined,
  error: undefined,
  steps: {},
  createdAt,
  updatedAt: createdAt,
});

describe('sortRunsActiveFirst', () => {
  it('puts running, waiting and suspended runs first, then the newest, without touching the input', () => {
    const runs = [
      run('old-done', 'success', 1),
      run('new-failed', 'failed', 5),
      run('old-suspended', 'suspended', 2),
      run('new-running', 'running', 4),
    ];
    expect(sortRunsActiveFirst(runs).map((entry) => entry.runId)).toEqual([
      'new-running',
      'old-suspended',
      'new-failed',
      'old-done',
    ]);
    expect(runs[0]!.runId).toBe('old-done');
  });
});
