import { expectFinish, type Scenario } from './scenario.ts';

export const failureScenarios: Scenario[] = [
  {
    name: 'flaky-retry',
    workflowId: 'flaky-retry',
    description:
      'fetch-quote throws on its first two attempts and succeeds on the third (retryConfig attempts 2, ' +
      'delay 100 ms). Retries are invisible on the stream: one step-start, one step-result.',
    expectedFinalStatus: 'success',
    async run(recorder) {
      await recorder.createRun();
      expectFinish(await recorder.stream('stream', { body: { inputData: { symbol: 'ACME' } } }), 'success');
    },
  },
  {
    name: 'always-fails',
    workflowId: 'always-fails',
    description: 'charge-card throws on every attempt (retries: 1): step-result failed, then finish failed.',
    expectedFinalStatus: 'failed',
    async run(recorder) {
      await recorder.createRun();
      expectFinish(
        await recorder.stream('stream', { body: { inputData: { orderId: 'order-7' } } }),
        'failed',
      );
    },
  },
];
