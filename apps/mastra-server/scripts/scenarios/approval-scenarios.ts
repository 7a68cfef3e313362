import { expectFinish, expectStatus, type Scenario } from './scenario.ts';

const contract = { contract: 'MSA-2041', amount: 48_000 };
const expense = { employee: 'ann', amount: 1_250 };

export const approvalScenarios: Scenario[] = [
  {
    name: 'parallel-approvals',
    workflowId: 'parallel-approvals',
    description:
      'Two parallel steps suspend; resume legal-approval (its segment finishes "success" while the run ' +
      'is still suspended), snapshot, resume finance-approval, finalize.',
    expectedFinalStatus: 'success',
    async run(recorder) {
      await recorder.createRun();
      expectFinish(await recorder.stream('stream', { body: { inputData: contract } }), 'suspended');
      await recorder.snapshot('suspended');
      const legal = await recorder.stream('resume-stream', {
        body: { step: 'legal-approval', resumeData: { approved: true, approver: 'lee@legal' } },
      });
      expectFinish(legal, 'success');
      const between = await recorder.snapshot('after-first-resume');
      expectStatus(between.status, 'suspended', 'after-first-resume');
      const finance = await recorder.stream('resume-stream', {
        body: { step: 'finance-approval', resumeData: { approved: true, approver: 'fay@finance' } },
      });
      expectFinish(finance, 'success');
    },
  },
  {
    name: 'nested-approval',
    workflowId: 'nested-approval',
    description:
      'A step suspends inside the nested workflow approval-chain; resumed with ' +
      'step "approval-chain.manager-approval".',
    expectedFinalStatus: 'success',
    async run(recorder) {
      await recorder.createRun();
      expectFinish(await recorder.stream('stream', { body: { inputData: expense } }), 'suspended');
      await recorder.snapshot('suspended');
      const resume = await recorder.stream('resume-stream', {
        body: { step: 'approval-chain.manager-approval', resumeData: { approved: true, comment: 'ok' } },
      });
      expectFinish(resume, 'success');
    },
  },
  {
    name: 'resume-rejected',
    workflowId: 'parallel-approvals',
    description:
      'Resumes Mastra refuses, on HTTP 200 with a workflow-finish "failed" while the run stays ' +
      'suspended: resume data failing the resumeSchema, then a resume without step while two steps ' +
      'wait. Then both approvals are resumed properly.',
    expectedFinalStatus: 'success',
    async run(recorder) {
      await recorder.createRun();
      expectFinish(await recorder.stream('stream', { body: { inputData: contract } }), 'suspended');
      const badData = await recorder.stream('resume-stream', {
        body: { step: 'legal-approval', resumeData: { approved: 'yes' } },
        note: 'resumeData fails the resumeSchema',
      });
      expectFinish(badData, 'failed');
      const afterBadData = await recorder.snapshot('after-invalid-resume-data');
      expectStatus(afterBadData.status, 'suspended', 'after-invalid-resume-data');
      const noStep = await recorder.stream('resume-stream', {
        body: { resumeData: { approved: true, approver: 'lee@legal' } },
        note: 'no step while two steps are suspended',
      });
      expectFinish(noStep, 'failed');
      expectStatus(
        (await recorder.snapshot('after-ambiguous-resume')).status,
        'suspended',
        'after-ambiguous',
      );
      const legal = await recorder.stream('resume-stream', {
        body: { step: 'legal-approval', resumeData: { approved: true, approver: 'lee@legal' } },
      });
      expectFinish(legal, 'success');
      const finance = await recorder.stream('resume-stream', {
        body: { step: 'finance-approval', resumeData: { approved: false, approver: 'fay@finance' } },
      });
      expectFinish(finance, 'success');
    },
  },
  {
    name: 'nested-resume-errors',
    workflowId: 'nested-approval',
    description:
      'Resuming a nested step by its leaf id alone is refused (run stays suspended); resume data that ' +
      'fails the nested step resumeSchema FAILS THE WHOLE RUN (unlike a top-level step).',
    expectedFinalStatus: 'failed',
    async run(recorder) {
      await recorder.createRun();
      expectFinish(await recorder.stream('stream', { body: { inputData: expense } }), 'suspended');
      const leafOnly = await recorder.stream('resume-stream', {
        body: { step: 'manager-approval', resumeData: { approved: true } },
        note: 'leaf step id without the nested workflow prefix',
      });
      expectFinish(leafOnly, 'failed');
      expectStatus((await recorder.snapshot('after-leaf-id-resume')).status, 'suspended', 'after-leaf-id');
      const badData = await recorder.stream('resume-stream', {
        body: { step: 'approval-chain.manager-approval', resumeData: { approved: 'yes' } },
        note: 'resumeData fails the nested step resumeSchema',
      });
      expectFinish(badData, 'failed');
    },
  },
];
