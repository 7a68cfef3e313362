import type { RecordedSegment, ScenarioDefinition, ScenarioRecorder } from '../recorder/scenario-recorder.ts';
import type { WorkflowEvent } from '../recorder/types.ts';

export interface ScenarioContext {
  /** A fresh directory for storage files of scenarios that run their own server. */
  tempDir: string;
  /** Runs after the scenario's `final` snapshot, e.g. to stop a server the scenario started. */
  defer(cleanup: () => Promise<unknown>): void;
}

export interface Scenario extends ScenarioDefinition {
  run(recorder: ScenarioRecorder, context: ScenarioContext): Promise<void>;
}

/** Each segment must end the way the scenario intends, or the recording is not what it claims. */
export function expectFinish(segment: RecordedSegment, status: string | null): RecordedSegment {
  if (segment.entry.status !== 200) {
    throw new Error(`${segment.entry.file}: HTTP ${segment.entry.status}`);
  }
  if (segment.entry.finishStatus !== status) {
    throw new Error(
      `${segment.entry.file}: workflow-finish ${segment.entry.finishStatus}, expected ${status}`,
    );
  }
  return segment;
}

export function expectStatus(actual: string | null, expected: string, moment: string): void {
  if (actual !== expected) throw new Error(`snapshot ${moment}: status ${actual}, expected ${expected}`);
}

export function isStepEvent(event: WorkflowEvent, type: string, id: string): boolean {
  return event.type === type && event.payload?.id === id;
}

/** Calls `action` on the first event that matches, once. */
export function once(
  matches: (event: WorkflowEvent) => boolean,
  action: (event: WorkflowEvent) => void,
): (event: WorkflowEvent) => void {
  let done = false;
  return (event) => {
    if (done || !matches(event)) return;
    done = true;
    action(event);
  };
}
