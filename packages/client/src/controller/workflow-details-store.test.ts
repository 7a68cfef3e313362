import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunTransport, WorkflowDetails } from '../transport/run-transport';
import { SteplineError } from '../util/stepline-error';
import { createControllerCache } from './controller-cache';
import { WorkflowDetailsStore } from './workflow-details-store';

const details = (workflowId: string): WorkflowDetails =>
  ({ workflowId, steps: { review: { id: 'review' } } }) as unknown as WorkflowDetails;

afterEach(() => {
  vi.useRealTimers();
});

describe('the workflow details store', () => {
  it('reads once, however many ask at the same time, and keeps its snapshot until the read settles', async () => {
    const read = vi.fn(async () => details('wf'));
    const store = new WorkflowDetailsStore(read);
    const first = store.getSnapshot();
    expect(first.status).toBe('pending');
    const changes: string[] = [];
    store.subscribe(() => changes.push(store.getSnapshot().status));

    const [a, b] = await Promise.all([store.load(), store.load()]);
    expect(a).toBe(b);
    expect(await store.load()).toBe(a);
    expect(read).toHaveBeenCalledTimes(1);
    expect(changes).toEqual(['success']);
    expect(store.getSnapshot()).toMatchObject({ status: 'success', data: a });
    expect(store.getSnapshot()).toBe(store.getSnapshot());
  });

  it('tries a failed read once more, then reports a SteplineError; the next load reads again', async () => {
    vi.useFakeTimers();
    const read = vi
      .fn<() => Promise<WorkflowDetails>>()
      .mockRejectedValueOnce(new TypeError('fetch failed'))
      .mockRejectedValueOnce(new TypeError('fetch failed'))
      .mockResolvedValueOnce(details('wf'));
    const store = new WorkflowDetailsStore(read, 500);

    const failed = store.load().catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(499);
    expect(read).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    const error = await failed;
    expect(read).toHaveBeenCalledTimes(2);
    expect(SteplineError.isInstance(error) && error.code).toBe('network');
    expect(store.getSnapshot()).toMatchObject({ status: 'error', error });

    await expect(store.load()).resolves.toMatchObject({ workflowId: 'wf' });
    expect(store.getSnapshot().status).toBe('success');
  });

  it('is shared by every run of a workflow in a controller cache: a page of runs asks once', async () => {
    const getWorkflow = vi.fn(async (workflowId: string) => details(workflowId));
    const transport = { getWorkflow } as unknown as RunTransport;
    const cache = createControllerCache({ controllerOptions: () => ({ transport, visibility: null }) });

    const [one, two, other] = [
      cache.get('wf', 'run-1'),
      cache.get('wf', 'run-2'),
      cache.get('other', 'run-1'),
    ];
    expect(two.workflowDetails).toBe(one.workflowDetails);
    expect(other.workflowDetails).not.toBe(one.workflowDetails);
    await Promise.all([one.getWorkflowDetails(), two.getWorkflowDetails(), other.getWorkflowDetails()]);
    expect(getWorkflow.mock.calls.map(([workflowId]) => workflowId)).toEqual(['wf', 'other']);
  });
});
