import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createMastraHttpTransport } from '../transport/mastra-http-transport';
import { createRunController } from './run-controller';

/** The garbage collector, enabled for this test (vitest runs without `--expose-gc`). */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Attaches a controller to a finished run, detaches it, and keeps only a weak reference to its store. */
async function watchAndDetach(): Promise<WeakRef<object>> {
  const fetch = (async (input: string | URL | Request) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.includes('/observe')) return new Response('', { headers: { 'content-type': 'text/plain' } });
    return Response.json({ runId: 'r1', workflowName: 'w', status: 'success', steps: {} });
  }) as typeof globalThis.fetch;
  const transport = createMastraHttpTransport({ baseUrl: 'http://mastra.test', fetch });
  const controller = createRunController({ transport, workflowId: 'w', runId: 'r1', visibility: null });
  await controller.watch();
  controller.detach();
  return new WeakRef(controller.store);
}

// In a file of its own: the detach reason is made by the first detach of the module, and kept for good.
// Made with its stack unformatted, it kept that first controller (its store, the run's whole state) alive
// through the frames V8 held for the stack.
describe('detach and memory', () => {
  it('lets the first detached controller and its store be collected', async () => {
    const gc = collector();
    const store = await watchAndDetach();
    let collected = false;
    for (let turn = 0; turn < 20 && !collected; turn++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      gc();
      collected = store.deref() === undefined;
    }
    expect(collected).toBe(true);
  });
});
