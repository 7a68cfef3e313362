import manifest from '../../fixtures/recorded/manifest.json';
import agentManifest from '../../fixtures/recorded-agents/manifest.json';

/**
 * The recordings in `fixtures/recorded/` (made by `pnpm record` against the real Mastra server), bundled
 * by Vite: the manifest eagerly, each scenario's bodies, chunk timings and snapshots on first use, so a
 * story only downloads the recording it replays. Nothing is read from disk at run time.
 */

/** When one network read of a recorded body arrived: `atMs` after the request was sent. */
export interface ChunkTiming {
  readonly offset: number;
  readonly length: number;
  readonly atMs: number;
}

export type SegmentKind = 'stream' | 'resume-stream' | 'observe-running' | 'observe-finished';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
}

export interface SegmentEntry {
  readonly file: string;
  readonly chunksFile: string;
  readonly kind: SegmentKind;
  readonly request: RecordedRequest;
  readonly status: number;
  readonly contentType: string | null;
  /** When the request was sent, in ms since the scenario started. */
  readonly openedAtMs: number;
  readonly events: number;
  readonly finishStatus: string | null;
  /** Why the body broke off (the server was killed). */
  readonly error?: string;
  readonly note?: string;
}

export interface SnapshotEntry {
  readonly file: string;
  readonly moment: string;
  readonly status: string | null;
  readonly takenAtMs: number;
}

export interface ActionEntry {
  readonly atMs: number;
  readonly description: string;
  readonly request?: RecordedRequest;
  readonly status?: number;
  readonly response?: unknown;
}

export interface ScenarioEntry {
  readonly name: string;
  readonly workflowId: string;
  readonly runId: string;
  readonly description: string;
  readonly expectedFinalStatus: string;
  readonly finalStatus: string | null;
  readonly segments: readonly SegmentEntry[];
  readonly snapshots: readonly SnapshotEntry[];
  readonly actions: readonly ActionEntry[];
}

export interface RecordedSegment extends SegmentEntry {
  /** The body byte for byte. */
  readonly bytes: Uint8Array;
  readonly chunks: readonly ChunkTiming[];
}

export interface RecordedSnapshot extends SnapshotEntry {
  readonly body: Readonly<Record<string, unknown>>;
}

export interface RecordedScenario extends Omit<ScenarioEntry, 'segments' | 'snapshots'> {
  readonly segments: readonly RecordedSegment[];
  readonly snapshots: readonly RecordedSnapshot[];
  /** `GET /api/workflows/:id` as the server answered it when the fixtures were recorded. */
  readonly workflow: Readonly<Record<string, unknown>>;
}

export const recordedManifest = manifest as unknown as {
  readonly recordedAt: string;
  readonly versions: Readonly<Record<string, string>>;
  readonly scenarios: readonly ScenarioEntry[];
};

export type ScenarioName =
  | 'content-brief-approve'
  | 'content-brief-revise-loop'
  | 'content-brief-reject'
  | 'content-brief-observe'
  | 'invalid-input'
  | 'parallel-approvals'
  | 'nested-approval'
  | 'resume-rejected'
  | 'nested-resume-errors'
  | 'kitchen-sink'
  | 'slow-pipeline'
  | 'cancel-mid-run'
  | 'many-steps'
  | 'flaky-retry'
  | 'always-fails'
  | 'restart-resume'
  | 'killed-mid-run'
  | AgentScenarioName;

/** The agent set (`fixtures/recorded-agents/`, `pnpm record --set agents`): agents on scripted models. */
export type AgentScenarioName =
  | 'agent-story'
  | 'agent-research'
  | 'agent-text-stream'
  | 'agent-parallel'
  | 'agent-nested'
  | 'agent-loop'
  | 'agent-long-answer';

const agentScenarios = (agentManifest as unknown as { readonly scenarios: readonly ScenarioEntry[] })
  .scenarios;

const root = '../../fixtures/recorded/';
const agentRoot = '../../fixtures/recorded-agents/';
// The bodies are ASCII JSON records joined by \x1E: `?raw` keeps every byte, and the offsets still fit.
// Both sets are globbed lazily: a story downloads only the recording it replays.
const bodies = {
  ...import.meta.glob<string>('../../fixtures/recorded/*/*.bin', { query: '?raw', import: 'default' }),
  ...import.meta.glob<string>('../../fixtures/recorded-agents/*/*.bin', { query: '?raw', import: 'default' }),
};
const timings = {
  ...import.meta.glob<ChunkTiming[]>('../../fixtures/recorded/*/*.chunks.json', { import: 'default' }),
  ...import.meta.glob<ChunkTiming[]>('../../fixtures/recorded-agents/*/*.chunks.json', { import: 'default' }),
};
const snapshots = {
  ...import.meta.glob<Record<string, unknown>>('../../fixtures/recorded/*/snapshot-*.json', {
    import: 'default',
  }),
  ...import.meta.glob<Record<string, unknown>>('../../fixtures/recorded-agents/*/snapshot-*.json', {
    import: 'default',
  }),
};
const workflows = {
  ...import.meta.glob<Record<string, unknown>>('../../fixtures/recorded/workflows/*.json', {
    import: 'default',
  }),
  ...import.meta.glob<Record<string, unknown>>('../../fixtures/recorded-agents/workflows/*.json', {
    import: 'default',
  }),
};

const encoder = new TextEncoder();

/** A file of either set, by its path relative to that set's directory (as the manifests write them). */
function loaderFor<T>(loaders: Record<string, () => Promise<T>>, file: string): () => Promise<T> {
  const loader = loaders[`${root}${file}`] ?? loaders[`${agentRoot}${file}`];
  if (!loader) throw new Error(`fixtures/recorded/${file} is not in the bundle`);
  return loader;
}

/** When the scenario's set was recorded: the replay moves the recording's timestamps from there to now. */
export function recordedAtOf(name: ScenarioName): string {
  return agentScenarios.some((scenario) => scenario.name === name)
    ? (agentManifest as { recordedAt: string }).recordedAt
    : recordedManifest.recordedAt;
}

export function scenarioEntry(name: ScenarioName): ScenarioEntry {
  const entry =
    recordedManifest.scenarios.find((scenario) => scenario.name === name) ??
    agentScenarios.find((scenario) => scenario.name === name);
  if (!entry) throw new Error(`No recorded scenario "${name}" in fixtures/recorded/manifest.json`);
  return entry;
}

/** The workflow ids that have a recorded `GET /api/workflows/:id`. */
export const recordedWorkflowIds: readonly string[] = Object.keys(workflows).map((path) =>
  path.slice(path.lastIndexOf('/') + 1, -'.json'.length),
);

export function loadWorkflowDetails(workflowId: string): Promise<Record<string, unknown>> {
  return loaderFor(workflows, `workflows/${workflowId}.json`)();
}

const cache = new Map<ScenarioName, Promise<RecordedScenario>>();

/** One scenario with its bodies, chunk timings, snapshots and workflow, loaded once per page. */
export function loadScenario(name: ScenarioName): Promise<RecordedScenario> {
  let loading = cache.get(name);
  if (!loading) {
    loading = readScenario(scenarioEntry(name));
    cache.set(name, loading);
  }
  return loading;
}

async function readScenario(entry: ScenarioEntry): Promise<RecordedScenario> {
  const [segments, snapshotBodies, workflow] = await Promise.all([
    Promise.all(
      entry.segments.map(async (segment): Promise<RecordedSegment> => {
        const [text, chunks] = await Promise.all([
          loaderFor(bodies, segment.file)(),
          loaderFor(timings, segment.chunksFile)(),
        ]);
        const bytes = encoder.encode(text);
        const last = chunks[chunks.length - 1];
        const covered = last ? last.offset + last.length : 0;
        if (covered !== bytes.length) {
          throw new Error(`${segment.file}: ${bytes.length} bytes, but its chunks cover ${covered}`);
        }
        return { ...segment, bytes, chunks };
      }),
    ),
    Promise.all(entry.snapshots.map((snapshot) => loaderFor(snapshots, snapshot.file)())),
    loadWorkflowDetails(entry.workflowId),
  ]);
  return {
    ...entry,
    segments,
    snapshots: entry.snapshots.map((snapshot, index) => ({ ...snapshot, body: snapshotBodies[index]! })),
    workflow,
  };
}

/** One recorded `GET runs/:runId` body, e.g. `loadSnapshot('parallel-approvals', 'suspended')`. */
export async function loadSnapshot(name: ScenarioName, moment: string): Promise<Record<string, unknown>> {
  const entry = scenarioEntry(name).snapshots.find((snapshot) => snapshot.moment === moment);
  if (!entry) throw new Error(`fixtures/recorded/${name} has no snapshot "${moment}"`);
  return loaderFor(snapshots, entry.file)();
}
