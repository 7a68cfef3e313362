import { createContext } from 'react';

/**
 * Whether the view says a failed run's error at its top (`<WorkflowRun>` draws `RunFailure` there):
 * then the failing step's row leaves the message out, so it is said once. False by default: a timeline on
 * its own, or under a header of the app's own, shows the message in the failing row, where it would
 * otherwise be nowhere (the inspector is opt-in).
 */
export const FailureAtTopContext = /* @__PURE__ */ createContext(false);
