import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Streams and snapshots recorded from the real Mastra server in `apps/mastra-server` by
 * `pnpm record`. Never edited by hand: regenerate them with that command.
 */
export const fixturesDir = resolve(import.meta.dirname, '../../../fixtures/recorded');

export interface RecordedChunk {
  readonly offset: number;
  readonly length: number;
  readonly atMs: number;
}

export interface RecordedSegment {
  readonly file: string;
  readonly chunksFile: string;
  readonly kind: 'stream' | 'resume-stream' | 'observe-running' | 'observe-finished';
  readonly request: { readonly method: string; readonly path: string; readonly body: unknown };
  readonly status: number;
  readonly openedAtMs: number;
  readonly finishStatus?: string;
}

export interface RecordedScenario {
  readonly name: string;
  readonly workflowId: string;
  readonly runId: string;
  readonly description: string;
  readonly finalStatus: string;
  /** Agent scenarios: what the scripted models say, per step (full id), one text per agent call. */
  readonly expectedAgentText?: {
    readonly text: Readonly<Record<string, readonly string[]>>;
    readonly reasoning?: Readonly<Record<string, readonly string[]>>;
  };
  readonly segments: readonly RecordedSegment[];
  readonly snapshots: readonly {
    readonly file: string;
    readonly moment: string;
    readonly takenAtMs: number;
  }[];
}

export interface Manifest {
  readonly recordedAt: string;
  readonly versions: Record<string, string>;
  readonly scenarios: readonly RecordedScenario[];
}

export function loadManifest(): Manifest {
  return JSON.parse(readFileSync(join(fixturesDir, 'manifest.json'), 'utf8')) as Manifest;
}

/**
 * The agent set (`fixtures/recorded-agents`, `pnpm record --set agents`): workflows whose steps run
 * agents on scripted models. Its files are given relative to `fixturesDir`, so every reader here takes
 * its scenarios as they are.
 */
export function loadAgentManifest(): Manifest {
  const manifest = JSON.parse(
    readFileSync(join(fixturesDir, '../recorded-agents/manifest.json'), 'utf8'),
  ) as Manifest;
  const relative = (file: string) => `../recorded-agents/${file}`;
  return {
    ...manifest,
    scenarios: manifest.scenarios.map((scenario) => ({
      ...scenario,
      segments: scenario.segments.map((segment) => ({
        ...segment,
        file: relative(segment.file),
        chunksFile: relative(segment.chunksFile),
      })),
      snapshots: scenario.snapshots.map((snapshot) => ({ ...snapshot, file: relative(snapshot.file) })),
    })),
  };
}

export function readSegmentBytes(segment: RecordedSegment): Uint8Array {
  return new Uint8Array(readFileSync(join(fixturesDir, segment.file)));
}

/**
 * The segment's records, parsed: what Mastra sent, as objects. A record that does not parse (the piece a
 * killed server left half-written) is skipped.
 */
export function readSegmentRecords(segment: RecordedSegment): unknown[] {
  return new TextDecoder()
    .decode(readSegmentBytes(segment))
    .split('\x1E')
    .filter((record) => record.trim() !== '')
    .flatMap((record) => {
      try {
        return [JSON.parse(record) as unknown];
      } catch {
        return [];
      }
    });
}

/** The chunks exactly as they came off the socket. */
export function readSegmentChunks(segment: RecordedSegment): { bytes: Uint8Array; atMs: number }[] {
  const bytes = readSegmentBytes(segment);
  const chunks = JSON.parse(readFileSync(join(fixturesDir, segment.chunksFile), 'utf8')) as RecordedChunk[];
  return chunks.map((chunk) => ({
    bytes: bytes.subarray(chunk.offset, chunk.offset + chunk.length),
    atMs: segment.openedAtMs + chunk.atMs,
  }));
}

export function readSnapshot(file: string): unknown {
  return JSON.parse(readFileSync(join(fixturesDir, file), 'utf8'));
}

export function finalSnapshotOf(scenario: RecordedScenario): unknown {
  const final = scenario.snapshots.find((snapshot) => snapshot.moment === 'final');
  if (!final) throw new Error(`scenario ${scenario.name} has no final snapshot`);
  return readSnapshot(final.file);
}
