import { createRecordDecoder } from './record-separator.ts';

// Small HTTP helpers shared by the tests: plain fetch, as a browser client would do it.

export interface StreamEvent {
  type: string;
  runId?: string;
  payload?: Record<string, unknown> & { id?: string; workflowStatus?: string; status?: string };
  data?: unknown;
}

export async function postJson(url: string, body: unknown = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** POSTs and reads the whole record stream; `onEvent` sees each record as it arrives. */
export async function readStream(
  url: string,
  body: unknown = {},
  onEvent?: (event: StreamEvent) => void,
): Promise<{ status: number; events: StreamEvent[]; error?: unknown }> {
  const response = await postJson(url, body);
  const events: StreamEvent[] = [];
  const decoder = createRecordDecoder();
  try {
    for await (const chunk of response.body ?? []) {
      for (const record of decoder.push(chunk)) {
        events.push(record as StreamEvent);
        onEvent?.(record as StreamEvent);
      }
    }
  } catch (error) {
    return { status: response.status, events, error };
  }
  return { status: response.status, events };
}

export function finishStatus(events: StreamEvent[]): string | undefined {
  return events.findLast((event) => event.type === 'workflow-finish')?.payload?.workflowStatus;
}

export async function getRun(apiUrl: string, workflowId: string, runId: string): Promise<{ status: string }> {
  const response = await fetch(`${apiUrl}/workflows/${workflowId}/runs/${runId}`);
  if (!response.ok) throw new Error(`GET run: HTTP ${response.status}`);
  return (await response.json()) as { status: string };
}
