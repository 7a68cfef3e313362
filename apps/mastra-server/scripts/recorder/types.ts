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

/**
 * The scripts of an agent scenario's models, written by the recorder from the same source the models
 * stream (`src/agents/model-scripts.ts`): per step (full id), the answer text of each agent call in
 * order, and the reasoning text where there is some. For `writer.write(token)` steps, the joined writes.
 */
export interface ExpectedAgentText {
  text: Record<string, string[]>;
  reasoning?: Record<string, string[]>;
}

export interface ScenarioEntry {
  name: string;
  workflowId: string;
  runId: string;
  description: string;
  expectedFinalStatus: string;
  expectedAgentText?: ExpectedAgentText;
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
