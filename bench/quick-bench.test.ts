// `BENCH_QUICK=1` runs every row of `pnpm bench` at a small size: this test runs it as `pnpm bench` does (a
// child Node process on the built packages) and checks the report has every section and every row. The
// figures are not checked: a quick run on a shared machine says nothing about speed.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const here = import.meta.dirname;
const dir = mkdtempSync(join(tmpdir(), 'stepline-quick-bench-'));
const report = join(dir, 'BENCHMARKS.md');

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pnpm bench, quick', () => {
  it('writes a report with every section, every row and the target table', { timeout: 240_000 }, async () => {
    for (const entry of ['client', 'react']) {
      // The bench reads the packages as an app does, from their build (`pnpm test` builds first).
      expect(
        existsSync(resolve(here, `../packages/${entry}/dist`)),
        `packages/${entry}/dist: run pnpm build`,
      ).toBe(true);
    }
    await run(
      process.execPath,
      ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', 'run-benchmarks.ts'],
      {
        cwd: here,
        env: { ...process.env, BENCH_QUICK: '1', BENCH_OUT: report },
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const text = readFileSync(report, 'utf8');
    const headings = text.split('\n').filter((line) => /^#{1,3} /.test(line));
    expect(headings).toEqual([
      '# Stepline benchmarks (quick run: a smoke test, not the published figures)',
      '## Targets',
      expect.stringMatching(/^## Ingest: [\d,]+ events, bytes to state$/),
      '## Bytes to store, by mix: ratios per paired round',
      '## Live stream to store: over the app route (SSE relay) and straight from Mastra',
      '## Anchor: `@mastra/ai-sdk` `handleWorkflowStream` -> AI SDK `Chat`',
      '## Agent answer: 10,000 tokens, bytes to transcript',
      '## Scaling: cost per event as the run grows',
      '## No row quadratic: cost per event at two sizes',
      '## Memory: heap held by the run state',
      '## Bundle size (minified, gzip)',
      '## React: <WorkflowRun> under the React Profiler',
      expect.stringMatching(/^### Flood: /),
      expect.stringMatching(/^### A run of [\d,]+ steps$/),
      expect.stringMatching(/^### An agent answer: [\d,]+ tokens at 200 tokens\/s$/),
      '## Reconnect, against the real Mastra server',
    ]);
    const rowsStartingWith = (prefix: string) =>
      text.split('\n').filter((line) => line.startsWith(`| ${prefix}`));
    for (const row of [
      '(a) floor',
      '(b) @mastra/client-js',
      '(c) @mastra/react',
      '(b)+(c) together',
      '**(d) Stepline as shipped',
      "Stepline's parser alone",
      'Mastra -> route (SSE relay) -> route transport -> controller -> store, 64 KiB reads',
      'Mastra -> route (SSE relay) -> route transport -> controller -> store, one event per read',
      'Mastra -> HTTP transport -> controller -> store, one event per read',
      'generated `steps` mix, 64 KiB reads',
      'generated `recorded` mix, 64 KiB reads',
      'generated `agent` mix, 64 KiB reads',
      'generated `loop` mix, 64 KiB reads',
      'real recordings (fixtures/recorded + recorded-agents',
      'generated `recorded` mix, one event per read',
      'generated `recorded` mix (500 distinct steps), capped at',
      'real recordings, ',
      '**Stepline: parse, normalize, number by position',
      '100 tokens',
      '1 step, ',
      'generated `loop` mix, one event per read',
      '`writer` output and `data-*` chunks, every value distinct',
      'steps with decreasing `startedAt`, one event per read',
      'real recordings replayed, each segment its own run',
      'snapshot read with that many running steps',
      '`.foreach()` reporting every item, one step',
      'parallel branches, all running at once',
      'agent call: tool calls and results, each its own id',
      'agent call: text parts, each started, streamed, ended',
      '@mastra/react 1.5: MastraReactProvider and useStreamWorkflow',
      '@mastra/react 1.5: everything it exports | left out of the quick run',
      'AI SDK: useChat',
      'LangGraph: useStream',
    ]) {
      expect(rowsStartingWith(row).length, row).toBeGreaterThan(0);
    }
    // The anchor has a speed row and a bytes row per input; every mix row says what its input holds.
    expect(rowsStartingWith('generated `recorded` mix (500 distinct steps), capped at')).toHaveLength(2);
    expect(text).toMatch(/^- real recordings .*: .*step-start [\d,]+/m);
    // Every size row bundled, the alternatives included.
    expect(text).not.toContain('could not bundle');
    // The heap the run state holds is a difference of two readings: it must be there and grow with the
    // run (the old reading came out negative).
    const memory = text.slice(text.indexOf('## Memory'), text.indexOf('## Bundle size'));
    const held = [...memory.matchAll(/ \| (-?[\d.]+) MiB \|$/gm)].map((match) => Number(match[1]));
    expect(held).toHaveLength(2);
    expect(held[0]).toBeGreaterThan(0);
    expect(held[1]).toBeGreaterThan(held[0]!);
    // Every verdict in the sections is in the table at the top.
    const verdicts = (text.match(/\*\*(met|missed)\*\*/g) ?? []).length;
    const tableRows = text.split('\n').filter((line) => / \| (pass|\*\*FAIL\*\*) \|$/.test(line)).length;
    expect(tableRows).toBeGreaterThan(10);
    expect(verdicts).toBe(2 * tableRows);
  });
});
