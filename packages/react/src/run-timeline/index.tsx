import { RunTimelineGroup } from './timeline-group';
import { RunTimelineRoot } from './timeline-root';
import { RunTimelineStep } from './timeline-step';

/**
 * The compound timeline: `Root` (the list, with defaults), `Step` (one step), `Group` (parallel branches).
 * @example
 * <RunTimeline.Root />
 * <RunTimeline.Root>
 *   <RunTimeline.Step id="outline" />
 *   <RunTimeline.Group stepIds={['research-sources', 'research-audience']} />
 * </RunTimeline.Root>
 */
export const RunTimeline = {
  Root: RunTimelineRoot,
  Step: RunTimelineStep,
  Group: RunTimelineGroup,
} as const;

export type { RenderStep, StepRenderProps } from './timeline-context';
export type { RunTimelineGroupProps } from './timeline-group';
export { useTimelineGroups } from './timeline-level-list';
export type { RunTimelineRootProps } from './timeline-root';
export type { RunTimelineStepProps } from './timeline-step';
