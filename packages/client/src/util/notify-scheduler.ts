/**
 * Decides when subscribers hear about changes. A store calls the scheduler once per burst of changes with
 * a `flush` that notifies everyone; the scheduler picks the moment. Injectable so React can flush at most
 * once per frame, tests can flush synchronously, and Node code can use a microtask.
 */
export type NotifyScheduler = (flush: () => void) => void;

/** Notifies once after the current task: every event applied in one network chunk is one notification. */
export const microtaskScheduler: NotifyScheduler = (flush) => queueMicrotask(flush);

/** Notifies at once, for every change. For tests and for callers that batch themselves. */
export const synchronousScheduler: NotifyScheduler = (flush) => flush();
