import type { FrameScheduler } from './frame-scheduler';

/**
 * The page's frame lane (`frameScheduler`), set while a binding has given it frames. A run store reads it
 * here instead of importing the lane, so code that never gets frames (Node, a worker, the minimal import
 * of store, reducer and parser) does not bundle the lane; until frames come, a store notifies at once
 * after its scheduler, exactly as an unframed lane would have let it.
 */
export const framedPage: { lane?: FrameScheduler } = {};
