import type { ToolCallState, TranscriptToolCallPart } from '@stepline/client';
import { toJsonText } from '../components/json-view';

const stateText: Record<ToolCallState, string> = {
  called: 'running',
  answered: 'done',
  failed: 'failed',
};

/** One tool call: its name, arguments and result (or error), compact. */
export function ToolCallCard({ part }: { part: TranscriptToolCallPart }) {
  return (
    <div className="stepline-tool-call" data-state={part.state}>
      <div className="stepline-tool-call__head">
        <span className="stepline-tool-call__name">{part.toolName ?? 'tool'}</span>
        <span className="stepline-tool-call__state">{stateText[part.state]}</span>
      </div>
      {part.args !== undefined && (
        <code className="stepline-tool-call__args" title="Arguments">
          {toJsonText(part.args, 0)}
        </code>
      )}
      {part.state === 'answered' && (
        <code className="stepline-tool-call__result" title="Result">
          → {toJsonText(part.result, 0)}
        </code>
      )}
      {part.state === 'failed' && <p className="stepline-tool-call__error">{part.error?.message}</p>}
    </div>
  );
}
