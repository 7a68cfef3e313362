import type { StepState } from '@stepline/client';

export function StepProgressBar({ step, label }: { step: StepState; label: string }) {
  const progress = step.progress!;
  const failed = progress.failedCount;
  const total = Math.max(progress.totalCount, progress.completedCount);
  return (
    <div className="stepline-progress" data-complete={progress.completedCount >= total ? 'true' : undefined}>
      <progress
        className="stepline-progress__bar"
        max={Math.max(total, 1)}
        value={progress.completedCount}
        aria-label={`${label}: ${progress.completedCount} of ${total} items`}
      />
      <span className="stepline-progress__text">
        {progress.completedCount} of {total} items
        {failed > 0 ? `, ${failed} failed` : ''}
      </span>
    </div>
  );
}
