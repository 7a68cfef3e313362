import { expectFinish, expectStatus, isStepEvent, once, type Scenario } from './scenario.ts';

export const pipelineScenarios: Scenario[] = [
  {
    name: 'kitchen-sink',
    workflowId: 'kitchen-sink',
    description:
      'Branch (thorough path only), .map() without id, nested workflow, anonymous and named sleeps, ' +
      'writer.write / writer.custom events, foreach over 5 items with concurrency 2.',
    expectedFinalStatus: 'success',
    async run(recorder) {
      await recorder.createRun();
      const sleeping = once(
        (event) => event.type === 'workflow-step-waiting',
        () => void recorder.snapshot('sleeping'),
      );
      const midForeach = once(
        (event) => event.type === 'workflow-step-progress',
        () => void recorder.snapshot('mid-foreach'),
      );
      const stream = await recorder.stream('stream', {
        body: { inputData: { mode: 'thorough', items: 5 } },
        onEvent: (event) => {
          sleeping(event);
          midForeach(event);
        },
      });
      expectFinish(stream, 'success');
    },
  },
  {
    name: 'slow-pipeline',
    workflowId: 'slow-pipeline',
    description:
      'Twelve 300-500 ms stages. When stage-04 starts: observe while running and a snapshot; after the ' +
      'run: observe again.',
    expectedFinalStatus: 'success',
    async run(recorder) {
      await recorder.createRun();
      let observing: Promise<unknown> | undefined;
      const stream = await recorder.stream('stream', {
        body: { inputData: { label: 'nightly import' } },
        onEvent: once(
          (event) => isStepEvent(event, 'workflow-step-start', 'stage-04'),
          () => {
            observing = recorder.stream('observe-running', { note: 'opened when stage-04 started' });
            void recorder.snapshot('running');
          },
        ),
      });
      expectFinish(stream, 'success');
      await observing;
      await recorder.stream('observe-finished', { note: 'opened after the run finished' });
    },
  },
  {
    name: 'cancel-mid-run',
    workflowId: 'slow-pipeline',
    description:
      'slow-pipeline canceled (POST /runs/:runId/cancel) when stage-03 finishes: the running step ends ' +
      'failed (AbortError), then workflow-canceled and workflow-finish canceled.',
    expectedFinalStatus: 'canceled',
    async run(recorder) {
      await recorder.createRun();
      const stream = await recorder.stream('stream', {
        body: { inputData: { label: 'to be canceled' } },
        onEvent: once(
          (event) => isStepEvent(event, 'workflow-step-result', 'stage-03'),
          () => {
            void recorder.track(
              (async () => {
                // Let stage-04 get going, so the cancel lands inside a running step.
                await new Promise((resolve) => setTimeout(resolve, 100));
                await recorder.request(
                  'cancel the run while stage-04 runs',
                  'POST',
                  recorder.workflowPath(`/runs/${encodeURIComponent(recorder.runId)}/cancel`),
                  {},
                );
                await recorder.snapshot('after-cancel');
              })(),
            );
          },
        ),
      });
      expectFinish(stream, 'canceled');
      await recorder.settle();
      expectStatus((await recorder.snapshot('after-stream-end')).status, 'canceled', 'after-stream-end');
    },
  },
  {
    name: 'many-steps',
    workflowId: 'many-steps',
    description: '300 quick sequential steps: 600 step events in one stream.',
    expectedFinalStatus: 'success',
    async run(recorder) {
      await recorder.createRun();
      expectFinish(await recorder.stream('stream', { body: { inputData: { total: 0 } } }), 'success');
    },
  },
];
