import type { StepState } from '@stepline/client';
import { JsonTree } from '../components/json-tree';

export function StepPayloads({
  value,
}: {
  value: Pick<StepState, 'input' | 'output' | 'error' | 'suspendPayload' | 'resumePayload'>;
}) {
  return (
    <>
      {value.input !== undefined && <JsonTree label="Input" value={value.input} />}
      {value.output !== undefined && <JsonTree label="Output" value={value.output} />}
      {value.error !== undefined && <JsonTree label="Error" value={value.error} />}
      {value.suspendPayload !== undefined && (
        <JsonTree label="Approval request" value={withoutWorkflowMeta(value.suspendPayload)} />
      )}
      {value.resumePayload !== undefined && <JsonTree label="Resume data" value={value.resumePayload} />}
    </>
  );
}

/** Mastra's bookkeeping on a nested container's suspend payload is of no interest to a reader. */
export function withoutWorkflowMeta(payload: unknown): unknown {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return payload;
  if (!('__workflow_meta' in payload)) return payload;
  const { __workflow_meta: _meta, ...rest } = payload as Record<string, unknown>;
  return rest;
}
