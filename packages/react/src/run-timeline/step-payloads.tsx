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
        <JsonTree label="Approval request" value={value.suspendPayload} />
      )}
      {value.resumePayload !== undefined && <JsonTree label="Resume data" value={value.resumePayload} />}
    </>
  );
}
