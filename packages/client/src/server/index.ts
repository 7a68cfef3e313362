export type { SseEvent } from './encode-sse-event';
export { encodeSseComment, encodeSseEvent, encodeSseRetry } from './encode-sse-event';
export type { EventNumbering, EventNumberingOptions } from './event-numbering';
// Deprecated (see its TSDoc): the relay numbers by position with checked ids now.
export { createEventNumbering } from './event-numbering';
export type { RequestLike } from './last-event-id';
export { lastEventIdFrom, parseEventId } from './last-event-id';
export type { FetchHandler } from './node-adapter';
export { sendResponse, toNodeListener } from './node-adapter';
export type { RelayRunOptions } from './relay-run-as-sse';
export { relayRunAsSse, sseResponseHeaders } from './relay-run-as-sse';
export type { SteplineRouteAction } from './route-paths';
export type { RunChunkSource, RunChunkSourceContext, RunChunkSourceFactory } from './run-chunk-source';
export type {
  MastraUpstream,
  SteplineRoute,
  SteplineRouteContext,
  SteplineRouteOptions,
} from './stepline-route';
export { createSteplineRoute, streamResponseHeaders } from './stepline-route';
