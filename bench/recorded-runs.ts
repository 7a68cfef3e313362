// The real recordings (fixtures/recorded and fixtures/recorded-agents, written by `pnpm record` from the
// real Mastra server): every segment is a run of its own, as a reconnecting app replays them.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const fixtures = resolve(import.meta.dirname, '../fixtures');

export interface RecordedRun {
  /** `set/scenario/file`, for messages. */
  readonly name: string;
  readonly bytes: Uint8Array;
  /** The records parsed, in order (what Mastra's server had as chunks). */
  readonly chunks: readonly unknown[];
  /** The recorded run's id (the controller follows one run and drops chunks of any other). */
  readonly runId: string;
}

export function recordedRuns(): RecordedRun[] {
  const runs: RecordedRun[] = [];
  for (const set of ['recorded', 'recorded-agents']) {
    const manifest = JSON.parse(readFileSync(join(fixtures, set, 'manifest.json'), 'utf8')) as {
      scenarios: { runId: string; segments: { file: string }[] }[];
    };
    for (const scenario of manifest.scenarios) {
      for (const segment of scenario.segments) {
        const bytes = new Uint8Array(readFileSync(join(fixtures, set, segment.file)));
        const chunks = new TextDecoder()
          .decode(bytes)
          .split('\x1E')
          .filter((record) => record.trim() !== '')
          .map((record) => JSON.parse(record) as unknown);
        runs.push({ name: `${set}/${segment.file}`, bytes, chunks, runId: scenario.runId });
      }
    }
  }
  return runs;
}
