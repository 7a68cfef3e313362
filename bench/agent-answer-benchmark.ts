// The 10,000-token agent answer recorded from the real Mastra server (fixtures/recorded-agents), from
// bytes to transcript as an app runs it (fetch -> HTTP transport -> run controller -> store), next to the
// JSON.parse floor on the same bytes; and the cost per token at 100 and at 10,000 tokens, which must not
// grow with the answer.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRunStore, synchronousScheduler } from '@stepline/client';
import { createMastraStreamParser } from '@stepline/client/wire';
import { floorRun } from './floor.ts';
import { pairedRounds, timedRounds } from './paired-ratio.ts';
import { steplineShipped } from './shipped-path.ts';
import { verdictAtLeast, verdictAtMost } from './verdict.ts';

type Out = (line?: string) => void;

const fixtures = resolve(import.meta.dirname, '../fixtures/recorded-agents');
const encoder = new TextEncoder();

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Bytes to transcript on the shipped path: the recorded run's id, its body, the step's transcript. */
/**
 * Bytes to transcript without the controller: the stream parser the controller feeds, the reducer, the
 * store. For the cost per token, where a run's requests (a few ms, and noisy) would drown 100 tokens.
 */
function parsedTranscriptOf(pieces: readonly Uint8Array[]): string {
  const store = createRunStore({ scheduler: synchronousScheduler });
  const parser = createMastraStreamParser({ onEvents: (events) => store.dispatch(events) });
  for (const piece of pieces) parser.push(piece);
  parser.end();
  return store.getSnapshot().steps.get('long-writer')?.executions.at(-1)?.transcripts[0]?.text ?? '';
}

async function transcriptOf(runId: string, pieces: readonly Uint8Array[]): Promise<string> {
  const state = await steplineShipped(pieces, { runId });
  const step = state.steps.get('long-writer');
  return step?.executions.at(-1)?.transcripts[0]?.text ?? '';
}

/**
 * A body of `tokens` text deltas built from the recorded records: the opening records, the first
 * `tokens` deltas, then the closing records without Mastra's step-finish/finish (whose size grows with
 * the answer), so the per-token cost is what is compared.
 */
function bodyWithTokens(records: readonly string[], tokens: number): Uint8Array[] {
  const isDelta = (record: string) => record.includes('"type":"text-delta"');
  const first = records.findIndex(isDelta);
  const deltas = records.filter(isDelta).slice(0, tokens);
  const closing = records
    .slice(records.findLastIndex(isDelta) + 1)
    .filter((record) => !/"output":\{"type":"(step-)?finish"/.test(record));
  const text = [...records.slice(0, first), ...deltas, ...closing].map((record) => `${record}\x1E`).join('');
  // Network reads of about 16 kB, as the recording's own.
  const bytes = encoder.encode(text);
  const pieces: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += 16_384) pieces.push(bytes.subarray(at, at + 16_384));
  return pieces;
}

export async function agentAnswerSection(out: Out, quick = false): Promise<void> {
  // Quick: one round and fewer small answers, a smoke run of the rows (not the published figures).
  const rounds = quick ? 1 : 9;
  const smallRuns = quick ? 20 : 200;
  const manifest = JSON.parse(readFileSync(resolve(fixtures, 'manifest.json'), 'utf8')) as {
    scenarios: { name: string; runId: string }[];
  };
  const runId = manifest.scenarios.find((scenario) => scenario.name === 'agent-long-answer')!.runId;
  const bytes = new Uint8Array(readFileSync(resolve(fixtures, 'agent-long-answer/01-stream.bin')));
  const chunks = JSON.parse(
    readFileSync(resolve(fixtures, 'agent-long-answer/01-stream.chunks.json'), 'utf8'),
  ) as { offset: number; length: number }[];
  const pieces = chunks.map((chunk) => bytes.subarray(chunk.offset, chunk.offset + chunk.length));
  const records = new TextDecoder()
    .decode(bytes)
    .split('\x1E')
    .filter((record) => record !== '');
  const tokens = records.filter((record) => record.includes('"type":"text-delta"')).length;
  const finishes = records
    .filter((record) => /"output":\{"type":"(step-)?finish"/.test(record))
    .map((record) => encoder.encode(record).length);
  if ((await transcriptOf(runId, pieces)).length === 0)
    throw new Error('the recorded answer gave no transcript');

  const paired = await pairedRounds(
    rounds,
    () => floorRun(pieces),
    () => transcriptOf(runId, pieces),
  );

  // Per token: the time of an answer less the time of the same run with no token (what a run costs
  // whatever its length: requests, controller, opening and closing records), over the tokens.
  const empty = bodyWithTokens(records, 0);
  const small = bodyWithTokens(records, 100);
  const large = bodyWithTokens(records, tokens);
  const manyRuns = (body: Uint8Array[]) => () => {
    for (let run = 0; run < smallRuns; run++) parsedTranscriptOf(body);
  };
  const sizeRounds = quick ? 1 : 7;
  const [emptyTimes, smallTimes, largeTimes] = await timedRounds(sizeRounds, [
    manyRuns(empty),
    manyRuns(small),
    () => parsedTranscriptOf(large),
  ]);
  const perRun = median(emptyTimes!) / smallRuns;
  const perTokenSmall = ((median(smallTimes!) / smallRuns - perRun) * 1000) / 100;
  const perTokenLarge = ((median(largeTimes!) - perRun) * 1000) / tokens;

  out('## Agent answer: 10,000 tokens, bytes to transcript');
  out();
  out(
    `The recorded \`agent-long-answer\` stream (${tokens.toLocaleString('en-US')} text deltas, ${(bytes.length / 1024 / 1024).toFixed(2)} MiB in its ${pieces.length} recorded network reads; its step-finish and finish chunks ${finishes.map((length) => `${(length / 1000).toFixed(0)} kB`).join(', ')}), read as an app does (\`fetch\` -> HTTP transport -> run controller -> store). ${rounds} paired rounds, floor and Stepline back to back in alternating order; ratio per round, median (quartiles). kB = 1,000 bytes, MiB = 1,048,576 bytes.`,
  );
  out();
  out('| pipeline | ms | tokens/s | vs floor |');
  out('|---|---:|---:|---:|');
  const rate = (ms: number) => Math.round(tokens / (ms / 1000)).toLocaleString('en-US');
  out(
    `| (a) floor: split on \\x1E + JSON.parse | ${paired.floorMs.toFixed(0)} | ${rate(paired.floorMs)} | 1.00 |`,
  );
  out(
    `| **Stepline: parse, normalize, number by position, fold into the transcript** | ${paired.subjectMs.toFixed(0)} | ${rate(paired.subjectMs)} | ${paired.median.toFixed(2)} (${paired.q1.toFixed(2)}–${paired.q3.toFixed(2)}) |`,
  );
  out();
  out(
    `Cost per token: bytes to transcript through the stream parser the controller feeds, the reducer and the store (the controller's requests left out: a few noisy ms per run would drown 100 tokens); an answer's time less that of the same run with no token (${(perRun * 1000).toFixed(0)} µs: the opening and closing records), over its tokens; the 100-token answer and the empty run timed over ${smallRuns} runs, ${sizeRounds} rounds in turns.`,
  );
  out();
  out('| answer | µs per token |');
  out('|---:|---:|');
  out(`| 100 tokens (${smallRuns} runs) | ${perTokenSmall.toFixed(2)} |`);
  out(`| ${tokens.toLocaleString('en-US')} tokens | ${perTokenLarge.toFixed(2)} |`);
  out();
  out(
    `Targets: at least half the floor's speed: ${verdictAtLeast(paired.median, 0.5)}; cost per token at 10,000 tokens within 1.5x of 100: ${verdictAtMost(perTokenLarge / perTokenSmall, 1.5, 'x')}.`,
  );
  out();
}

// `node --experimental-strip-types bench/agent-answer-benchmark.ts` (after `pnpm build`): this section alone;
// BENCH_QUICK=1 for one round.
if (import.meta.main) {
  await agentAnswerSection((line = '') => process.stdout.write(`${line}\n`), process.env.BENCH_QUICK === '1');
}
