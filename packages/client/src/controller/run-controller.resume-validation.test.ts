import { suspendedRunSnapshot } from '@stepline/test-support';
import { describe, expect, it, vi } from 'vitest';
import { validateJsonSchema } from '../model/json-schema-validate';
import type { RunSnapshot } from '../model/run-event';
import type { RunTransport, WorkflowDetails } from '../transport/run-transport';
import { SteplineError } from '../util/stepline-error';
import { createRunController, type RunControllerOptions } from './run-controller';

const suspended = suspendedRunSnapshot;
const resumed: RunSnapshot = {
  ...suspended,
  status: 'success',
  steps: { review: { status: 'success', startedAt: 1, endedAt: 3, output: { decision: 'approve' } } },
};
const details = {
  workflowId: 'wf',
  steps: {
    review: {
      resumeSchema: {
        type: 'object',
        properties: { decision: { type: 'string', enum: ['approve', 'reject'] } },
        required: ['decision'],
      },
    },
  },
} as unknown as WorkflowDetails;

/** Mastra holding a run suspended at `review`; a resume finishes it. */
function server() {
  let current = suspended;
  const transport = {
    getRun: vi.fn(async () => current),
    getWorkflow: vi.fn(async () => details),
    resumeRun: vi.fn(async () => {
      current = resumed;
    }),
  } as unknown as RunTransport & {
    getWorkflow: ReturnType<typeof vi.fn>;
    resumeRun: ReturnType<typeof vi.fn>;
  };
  return transport;
}

function controllerOn(transport: RunTransport, options: Partial<RunControllerOptions> = {}) {
  return createRunController({
    transport,
    workflowId: 'wf',
    runId: 'run-1',
    initialSnapshot: suspended,
    visibility: null,
    ...options,
  });
}

describe('resume data checks', () => {
  it('with a validator, data that does not fit the resume schema is refused with its issues and never sent', async () => {
    const transport = server();
    const controller = controllerOn(transport, { validateResume: validateJsonSchema });
    const error = await controller
      .resume({ step: 'review', resumeData: { decision: 'maybe' } })
      .catch((caught: unknown) => caught);
    expect(SteplineError.isInstance(error) && error.code).toBe('validation');
    expect((error as SteplineError).issues?.[0]?.path).toEqual(['decision']);
    expect(transport.resumeRun).not.toHaveBeenCalled();

    // The same check per call, for a controller made without one.
    const plain = controllerOn(server());
    const perCall = await plain
      .resume({ step: 'review', resumeData: {} }, { validate: validateJsonSchema })
      .catch((caught: unknown) => caught);
    expect((perCall as SteplineError).issues?.[0]?.path).toEqual(['decision']);
  });

  it('without one, the controller neither reads the schema nor checks: Mastra decides', async () => {
    const transport = server();
    const controller = controllerOn(transport);
    const after = await controller.resume({ step: 'review', resumeData: { decision: 'approve' } });
    expect(after.status).toBe('success');
    expect(transport.getWorkflow).not.toHaveBeenCalled();
    expect(transport.resumeRun).toHaveBeenCalledTimes(1);
  });
});
