import { describe, expect, it } from 'vitest';
import { createMastraHttpTransport } from '../transport/mastra-http-transport';
import { createRunController } from './run-controller';

/** Mastra with a running run whose stream stays open and says nothing; each stream's signal is kept. */
function silentMastra() {
  const streamSignals: AbortSignal[] = [];
  let opened: () => void = () => {};
  const streamOpened = new Promise<void>((resolve) => {
    opened = resolve;
  });
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.includes('/observe')) {
      streamSignals.push(init!.signal!);
      opened();
      return new Response(new ReadableStream({}), { headers: { 'content-type': 'text/plain' } });
    }
    return Response.json({ runId: 'r1', workflowName: 'w', status: 'running', steps: {} });
  }) as typeof globalThis.fetch;
  return { fetch, streamSignals, streamOpened };
}

// The detach reason is made once and shared (a new DOMException per detach was a tenth of attaching to
// a run): it must still be an AbortError, and every controller's detach must still close its stream.
describe('detach', () => {
  it('closes the open stream of each controller with an AbortError, and the watch ends', async () => {
    const reasons: unknown[] = [];
    for (let i = 0; i < 2; i++) {
      const mastra = silentMastra();
      const transport = createMastraHttpTransport({ baseUrl: 'http://mastra.test', fetch: mastra.fetch });
      const controller = createRunController({ transport, workflowId: 'w', runId: 'r1', visibility: null });
      const watching = controller.watch();
      await mastra.streamOpened;
      expect(mastra.streamSignals[0]!.aborted).toBe(false);
      controller.detach();
      await watching;
      expect(mastra.streamSignals[0]!.aborted).toBe(true);
      reasons.push(mastra.streamSignals[0]!.reason);
      expect(controller.connection.getSnapshot().status).toBe('closed');
    }
    for (const reason of reasons) {
      expect(reason).toBeInstanceOf(DOMException);
      expect((reason as DOMException).name).toBe('AbortError');
    }
  });
});
