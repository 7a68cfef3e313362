import { describe, expect, it } from 'vitest';
import { createReplayFilter, isSegmentStart } from './replay-filter';

const start = '{"type":"workflow-start","runId":"r1","from":"WORKFLOW","payload":{"workflowId":"wf"}}';
const record = (type: string, body: string) =>
  `{"type":"${type}","runId":"r1","payload":${JSON.stringify(body)}}`;
const stepStart = record('workflow-step-start', 'a');
const stepResult = record('workflow-step-result', 'a');
const finish = record('workflow-finish', 'success');
const token = (text: string) => record('workflow-step-output', text);

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const bytes = (text: string) => encoder.encode(text);

function filtered(records: readonly string[]): string[] {
  const passed: string[] = [];
  const filter = createReplayFilter((record) => passed.push(decoder.decode(record)));
  // Each record as bytes of its own, as they come from separate reads.
  for (const text of records) filter.push(bytes(text));
  filter.end();
  return passed;
}

describe('createReplayFilter', () => {
  it('passes a stream without replays as it is', () => {
    const records = [start, stepStart, token('the'), token('the'), stepResult, finish];
    expect(filtered(records)).toEqual(records);
  });

  it('drops what observe replays: the history, then the buffer again from workflow-start, then live', () => {
    const history = [start, stepStart, token('the'), token(' cat')];
    const live = [token(' the'), token(' cat'), stepResult, finish];
    expect(filtered([...history, ...history, ...live])).toEqual([...history, ...live]);
  });

  it('regression: identical tokens right after a replay are new, not part of it', () => {
    // The buffer ends where the history ended; the live part repeats its last tokens word for word.
    const history = [start, stepStart, token('na'), token('na')];
    const live = [token('na'), token('na'), stepResult];
    expect(filtered([...history, ...history, ...live])).toEqual([...history, ...live]);
  });

  it('keeps a resume segment that opens with the same workflow-start, and drops its replay', () => {
    const first = [start, stepStart, record('workflow-step-suspended', 'a')];
    const second = [start, record('workflow-step-start', 'a resumed'), stepResult, finish];
    const observed = [...first, ...second];
    expect(filtered([...first, ...second])).toEqual(observed);
    // observe after both: the whole history twice, then nothing new.
    expect(filtered([...observed, ...observed])).toEqual(observed);
  });

  it('treats a replay that stops short and goes on differently as new from where it differs', () => {
    const history = [start, stepStart, stepResult];
    const other = record('workflow-step-start', 'b');
    expect(filtered([...history, start, stepStart, other])).toEqual([...history, other]);
  });

  it('drops a repeated start with nothing after it, and a replay of a start alone', () => {
    expect(filtered([start, start])).toEqual([start]);
    expect(filtered([start, start, stepStart])).toEqual([start, stepStart]);
  });
});

describe('isSegmentStart', () => {
  it('reads the type from the front of a Mastra record, and parses any other shape', () => {
    expect(isSegmentStart(bytes(start))).toBe(true);
    expect(isSegmentStart(bytes('{"type":"start","payload":{"runId":"r1"}}'))).toBe(true);
    expect(isSegmentStart(bytes(stepStart))).toBe(false);
    expect(isSegmentStart(bytes('{ "runId": "r1", "type": "workflow-start" }'))).toBe(true);
    expect(isSegmentStart(bytes('{"type":"workflow-started"}'))).toBe(false);
    expect(isSegmentStart(bytes('{not json'))).toBe(false);
  });
});
