// Shapes written to fixtures/recorded/manifest.json. The client's fixture tests read these.

export type SegmentKind = 'stream' | 'resume-stream' | 'observe-running' | 'observe-finished';

export interface RecordedRequest {
  method: string;
  /** Path including the `/api` prefix and the query string. */
  path: string;
  body?: unknown;
}

export interface ChunkTiming {
  offset: number;
  length: number;
  /** Milliseconds since the request was sent. */
  atMs: number;
}

export interface SegmentEntry {
  file: string;
  chunksFile: string;
  kind: SegmentKind;
  request: RecordedRequest;
  status: number;
  contentType: string | null;
  /** Milliseconds since the scenario started, when the request was sent. */
  openedAtMs: number;
  /** Decoded records in the body, and the `workflowStatus` of its last `workflow-finish` if any. */
  events: number;
  finishStatus: string | null;
  /** Why the body ended early (e.g. the server process was killed). */
  error?: string;
  note?: string;
}

export interface SnapshotEntry {
  file: string;
  moment: string;
  status: string | null;
  takenAtMs: number;
}

export interface ActionEntry {
  atMs: number;
  description: string;
  request?: RecordedRequest;
  status?: number;
  response?: unknown;
}

export interface ScenarioEntry {
  name: string;
  workflowId: string;
  runId: string;
  description: string;
  expectedFinalStatus: string;
  /** Run status in the `final` snapshot. */
  finalStatus: string | null;
  ok: boolean;
  failure?: string;
  segments: SegmentEntry[];
  snapshots: SnapshotEntry[];
  actions: ActionEntry[];
}

export interface WorkflowEvent {
  type: string;
  runId?: string;
  from?: string;
  payload?: Record<string, unknown> & { id?: string; workflowStatus?: string };
  data?: unknown;
}
