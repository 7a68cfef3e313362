// The 10,000-token agent answer recorded from the real Mastra server (fixtures/recorded-agents), from
// bytes to transcript, next to the JSON.parse floor on the same bytes; and the cost per token at 100 and
// at 10,000 tokens, which must not grow with the answer.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRunStore, synchronousScheduler } from '@stepline/client';
import { createMastraStreamParser } from '@stepline/client/wire';

type Out = (line?: string) => void;

const fixtures = resolve(import.meta.dirname, '../fixtures/recorded-agents/agent-long-answer');
const encoder = new TextEncoder();

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Median time of each function, run one after another in turns (after one warm-up round). */
function timeInTurns(runs: number, fns: (() => unknown)[]): number[] {
  const times = fns.map(() => [] as number[]);
  for (const fn of fns) fn();
  for (let i = 0; i < runs; i++) {
    for (const [index, fn] of fns.entries()) {
      const start = performance.now();
      fn();
      times[index]!.push(performance.now() - start);
    }
  }
  return times.map(median);
}

function floor(pieces: readonly Uint8Array[]): number {
  const decoder = new TextDecoder();
  let buffer = '';
  let count = 0;
  for (const piece of pieces) {
    buffer += decoder.decode(piece, { stream: true });
    const records = buffer.split('\x1E');
    buffer = records.pop()!;
    for (const record of records) {
      if (record.trim() !== '') {
        JSON.parse(record);
        count++;
      }
    }
  }
  return count;
}

/** Bytes to transcript, as the controller does it: parser, output positions, reducer, store. */
function transcriptOf(pieces: readonly Uint8Array[]): string {
  const store = createRunStore({ scheduler: synchronousScheduler });
  const parser = createMastraStreamParser({ onEvents: (events) => store.dispatch(events) });
  for (const piece of pieces) parser.push(piece);
  parser.end();
  const step = store.getSnapshot().steps.get('long-writer');
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

export function agentAnswerSection(out: Out): void {
  const bytes = new Uint8Array(readFileSync(resolve(fixtures, '01-stream.bin')));
  const chunks = JSON.parse(readFileSync(resolve(fixtures, '01-stream.chunks.json'), 'utf8')) as {
    offset: number;
    length: number;
  }[];
  const pieces = chunks.map((chunk) => bytes.subarray(chunk.offset, chunk.offset + chunk.length));
  const records = new TextDecoder()
    .decode(bytes)
    .split('\x1E')
    .filter((record) => record !== '');
  const tokens = records.filter((record) => record.includes('"type":"text-delta"')).length;
  if (transcriptOf(pieces).length === 0) throw new Error('the recorded answer gave no transcript');

  const [a, d] = timeInTurns(9, [() => floor(pieces), () => transcriptOf(pieces)]) as [number, number];

  const small = bodyWithTokens(records, 100);
  const large = bodyWithTokens(records, tokens);
  const smallRuns = 200;
  const [smallMs, largeMs] = timeInTurns(7, [
    () => {
      for (let run = 0; run < smallRuns; run++) transcriptOf(small);
    },
    () => transcriptOf(large),
  ]) as [number, number];
  const perTokenSmall = (smallMs * 1000) / (smallRuns * 100);
  const perTokenLarge = (largeMs * 1000) / tokens;

  out('## Agent answer: 10,000 tokens, bytes to transcript');
  out();
  out(
    `The recorded \`agent-long-answer\` stream (${tokens.toLocaleString('en-US')} text deltas, ${(bytes.length / 1024 / 1024).toFixed(2)} MB in its ${pieces.length} recorded network reads, two 229 kB finish chunks); median of 9 runs in turns.`,
  );
  out();
  out('| pipeline | ms | tokens/s | vs floor |');
  out('|---|---:|---:|---:|');
  const rate = (ms: number) => Math.round(tokens / (ms / 1000)).toLocaleString('en-US');
  out(`| (a) floor: split on \\x1E + JSON.parse | ${a.toFixed(0)} | ${rate(a)} | 1.00 |`);
  out(
    `| **Stepline: parse, normalize, number by position, fold into the transcript** | ${d.toFixed(0)} | ${rate(d)} | ${(a / d).toFixed(2)} |`,
  );
  out();
  out('| answer | µs per token |');
  out('|---:|---:|');
  out(`| 100 tokens (${smallRuns} runs) | ${perTokenSmall.toFixed(2)} |`);
  out(`| ${tokens.toLocaleString('en-US')} tokens | ${perTokenLarge.toFixed(2)} |`);
  out();
  out(
    `Targets: at least half the floor's speed: **${a / d >= 0.5 ? 'met' : 'missed'}** (${(a / d).toFixed(2)}); cost per token at 10,000 tokens within 1.5x of 100: **${perTokenLarge <= 1.5 * perTokenSmall ? 'met' : 'missed'}** (${(perTokenLarge / perTokenSmall).toFixed(2)}x).`,
  );
  out();
}
