import { expectFinish, expectStatus, once, type Scenario } from './scenario.ts';

const input = { topic: 'Solar microgrids', audience: 'city planners' };
const reviewStep = 'editorial-round.review';

const isResearchResult = (event: { type: string; payload?: { id?: string } }) =>
  event.type === 'workflow-step-result' && (event.payload?.id ?? '').startsWith('research-');

export const contentBriefScenarios: Scenario[] = [
  {
    name: 'content-brief-approve',
    workflowId: 'content-brief',
    description:
      'Start, suspend at editorial-round.review (snapshot mid-parallel while research branches run), ' +
      'resume approve by nested step path, publish.',
    expectedFinalStatus: 'success',
    async run(recorder) {
      await recorder.createRun();
      const start = await recorder.stream('stream', {
        body: { inputData: input },
        onEvent: once(isResearchResult, () => void recorder.snapshot('mid-parallel')),
      });
      expectFinish(start, 'suspended');
      expectStatus((await recorder.snapshot('suspended')).status, 'suspended', 'suspended');
      const resume = await recorder.stream('resume-stream', {
        body: { step: reviewStep, resumeData: { decision: 'approve', notes: 'Ship it' } },
      });
      expectFinish(resume, 'success');
    },
  },
  {
    name: 'content-brief-revise-loop',
    workflowId: 'content-brief',
    description:
      'Suspend at review, resume request-changes with notes (revise runs, the dountil loop goes round: ' +
      'iterationCount 2), suspend at review again, resume approve, publish.',
    expectedFinalStatus: 'success',
    async run(recorder) {
      await recorder.createRun();
      expectFinish(await recorder.stream('stream', { body: { inputData: input } }), 'suspended');
      await recorder.snapshot('suspended');
      const changes = await recorder.stream('resume-stream', {
        body: { step: reviewStep, resumeData: { decision: 'request-changes', notes: 'Add a cost table' } },
      });
      expectFinish(changes, 'suspended');
      expectStatus((await recorder.snapshot('suspended-again')).status, 'suspended', 'suspended-again');
      const approve = await recorder.stream('resume-stream', {
        body: { step: reviewStep, resumeData: { decision: 'approve' } },
      });
      expectFinish(approve, 'success');
    },
  },
  {
    name: 'content-brief-reject',
    workflowId: 'content-brief',
    description:
      'Suspend at review, resume reject WITHOUT a step (Mastra picks the only suspended step): ' +
      'editorial-decision bails, publish never runs, the run ends success with result {status:"rejected"}.',
    expectedFinalStatus: 'success',
    async run(recorder) {
      await recorder.createRun();
      expectFinish(await recorder.stream('stream', { body: { inputData: input } }), 'suspended');
      await recorder.snapshot('suspended');
      const reject = await recorder.stream('resume-stream', {
        body: { resumeData: { decision: 'reject', notes: 'Off-brand' } },
      });
      expectFinish(reject, 'success');
    },
  },
  {
    name: 'content-brief-observe',
    workflowId: 'content-brief',
    description:
      'Open the stream; when the first research branch finishes, open observe while running (history ' +
      'plus a replay: duplicates); after the suspension observe again; resume approve; observe after ' +
      'the run finished.',
    expectedFinalStatus: 'success',
    async run(recorder) {
      await recorder.createRun();
      let observing: Promise<unknown> | undefined;
      const start = await recorder.stream('stream', {
        body: { inputData: input },
        onEvent: once(isResearchResult, () => {
          observing = recorder.stream('observe-running', { note: 'opened while the stream was running' });
        }),
      });
      expectFinish(start, 'suspended');
      if (!observing) throw new Error('observe-running was never opened');
      await observing;
      await recorder.snapshot('suspended');
      await recorder.stream('observe-finished', { note: 'opened after the run suspended' });
      const resume = await recorder.stream('resume-stream', {
        body: { step: reviewStep, resumeData: { decision: 'approve' } },
      });
      expectFinish(resume, 'success');
      await recorder.stream('observe-finished', { note: 'opened after the run finished' });
    },
  },
  {
    name: 'invalid-input',
    workflowId: 'content-brief',
    description:
      'content-brief with {topic: 42}: HTTP 200, workflow-start then workflow-finish failed ' +
      '(WORKFLOW_SCHEMA_VALIDATION_FAILED). The stored run never leaves "pending".',
    expectedFinalStatus: 'pending',
    async run(recorder) {
      await recorder.createRun();
      expectFinish(await recorder.stream('stream', { body: { inputData: { topic: 42 } } }), 'failed');
    },
  },
];
