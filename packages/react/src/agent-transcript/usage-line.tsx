import type { TokenUsage } from '@stepline/client';

/** Token usage of an agent call, as one quiet line. */
export function UsageLine({ usage, finishReason }: { usage: TokenUsage | undefined; finishReason?: string }) {
  if (!usage || usage.totalTokens === undefined) return null;
  return (
    <p className="stepline-transcript__usage">
      {usage.inputTokens ?? 0} in · {usage.outputTokens ?? 0} out · {usage.totalTokens} tokens
      {finishReason && finishReason !== 'stop' ? ` · ${finishReason}` : ''}
    </p>
  );
}
