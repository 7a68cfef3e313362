import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createWorkflows } from '../src/mastra.ts';
import { startMastraServer } from '../src/server.ts';
import { ScenarioRecorder } from './recorder/scenario-recorder.ts';
import type { ScenarioEntry } from './recorder/types.ts';
import { installedVersions } from './recorder/versions.ts';
import { type ScenarioSet, scenarioSets, scenarios } from './scenarios/index.ts';

// Records real streams from a real server into fixtures/<set directory>/ (each recorded set's directory
// wiped first). Fixtures are only ever produced by this script: re-run it instead of editing them.
// Sets (scripts/scenarios/index.ts) keep their own directory and manifest, so the multi-megabyte agent
// recordings can be re-recorded without touching the workflow recordings, and the other way round.
const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fixturesRoot = resolve(appDir, '../../fixtures');
// `--set agents` records one set; scenario names record only those (for debugging; commit a full set).
const args = process.argv.slice(2).filter((arg) => arg !== '--');
const setArg = args.indexOf('--set');
const onlySet = setArg === -1 ? undefined : args[setArg + 1];
const only = args.filter((_, index) => setArg === -1 || (index !== setArg && index !== setArg + 1));

async function main(): Promise<number> {
  const unknown = only.filter((name) => !scenarios.some((scenario) => scenario.name === name));
  if (unknown.length > 0) {
    console.error(`Unknown scenario(s): ${unknown.join(', ')}`);
    return 1;
  }
  if (onlySet !== undefined && !scenarioSets.some((set) => set.name === onlySet)) {
    console.error(`Unknown set ${onlySet}; sets: ${scenarioSets.map((set) => set.name).join(', ')}`);
    return 1;
  }
  let failed = 0;
  for (const set of scenarioSets) {
    if (onlySet !== undefined && set.name !== onlySet) continue;
    if (only.length > 0 && !set.scenarios.some((scenario) => only.includes(scenario.name))) continue;
    failed += await recordSet(set);
  }
  return failed === 0 ? 0 : 1;
}

async function recordSet(set: ScenarioSet): Promise<number> {
  const fixturesDir = join(fixturesRoot, set.directory);
  const startedAt = performance.now();
  rmSync(fixturesDir, { recursive: true, force: true });
  mkdirSync(join(fixturesDir, 'workflows'), { recursive: true });
  const tempDir = mkdtempSync(join(tmpdir(), 'stepline-record-'));
  const server = await startMastraServer({ port: 0, storageUrl: `file:${join(tempDir, 'mastra.db')}` });
  const entries: ScenarioEntry[] = [];
  const workflowIds = new Set(set.scenarios.map((scenario) => scenario.workflowId));
  try {
    for (const workflowId of Object.keys(createWorkflows())) {
      if (!workflowIds.has(workflowId)) continue;
      const response = await fetch(`${server.apiUrl}/workflows/${workflowId}`);
      if (!response.ok) throw new Error(`GET /workflows/${workflowId}: HTTP ${response.status}`);
      const details = await response.json();
      writeFileSync(
        join(fixturesDir, 'workflows', `${workflowId}.json`),
        `${JSON.stringify(details, null, 2)}\n`,
      );
    }

    for (const scenario of set.scenarios) {
      if (only.length > 0 && !only.includes(scenario.name)) continue;
      const scenarioStarted = performance.now();
      const recorder = new ScenarioRecorder({
        fixturesDir,
        apiUrl: server.apiUrl,
        definition: scenario,
        runId: randomUUID(),
      });
      const cleanups: Array<() => Promise<unknown>> = [];
      let failure: unknown;
      try {
        await scenario.run(recorder, { tempDir, defer: (cleanup) => cleanups.push(cleanup) });
      } catch (caught) {
        failure = caught;
      }
      const entry = await recorder.finish(failure);
      for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
      entries.push(entry);
      const events = entry.segments.reduce((sum, segment) => sum + segment.events, 0);
      const took = Math.round(performance.now() - scenarioStarted);
      console.log(
        `${entry.ok ? 'ok  ' : 'FAIL'} ${entry.name.padEnd(28)} ${String(entry.finalStatus).padEnd(9)} ` +
          `${String(entry.segments.length).padStart(2)} segments ${String(events).padStart(4)} events ${took} ms` +
          (entry.failure ? `\n     ${entry.failure}` : ''),
      );
    }
  } finally {
    await server.close();
    rmSync(tempDir, { recursive: true, force: true });
  }

  const manifest = {
    recordedAt: new Date().toISOString(),
    versions: installedVersions(appDir),
    scenarios: entries.map(({ ok: _ok, failure: _failure, ...entry }) => entry),
  };
  writeFileSync(join(fixturesDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const failed = entries.filter((entry) => !entry.ok);
  console.log(
    `${entries.length - failed.length}/${entries.length} scenarios recorded into ${fixturesDir} ` +
      `in ${Math.round(performance.now() - startedAt)} ms`,
  );
  return failed.length;
}

process.exitCode = await main();
