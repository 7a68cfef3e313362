// `@stepline/react/inspector`: the timeline's step inspector and a step's rounds (with the JSON tree they
// draw payloads with), passed to `RunTimeline.Root details`. A timeline without them ships none of their
// code; `<WorkflowRun>` passes them itself. The root entry re-exports them too.
export type { StepDetailsPart } from './run-timeline/step-details-part';
export { stepDetails } from './run-timeline/step-details-part';
