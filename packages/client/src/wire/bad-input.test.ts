import { loadManifest, readSegmentBytes } from '@stepline/test-support';
import { describe, expect, it } from 'vitest';
import type { RunEvent, UnknownRunEvent } from '../model/run-event';
import { reduceRunEvents } from '../model/run-reducer';
import { createRunState } from '../model/run-state';
import type { SteplineError } from '../util/stepline-error';
import { createMastraStreamParser } from './mastra-stream-parser';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A real recorded stream with garbage spliced in between its records. */
function recordsOf(name: string): string[] {
  const scenario = loadManifest().scenarios.find((candidate) => candidate.name === name)!;
  const text = scenario.segments.map((segment) => decoder.decode(readSegmentBytes(segment))).join('');
  return text.split('\x1E').filter((record) => record.trim() !== '');
}

function parse(body: string) {
  const events: RunEvent[] = [];
  const errors: SteplineError[] = [];
  const unknown: UnknownRunEvent[] = [];
  const parser = createMastraStreamParser({
    onEvents: (batch) => events.push(...batch),
    onError: (error) => errors.push(error),
    onUnknown: (event) => unknown.push(event),
  });
  const bytes = encoder.encode(body);
  for (let i = 0; i < bytes.length; i += 1000) parser.push(bytes.subarray(i, i + 1000));
  parser.end();
  return { events, errors, unknown, state: reduceRunEvents(createRunState(), events) };
}

describe('bad input inside a real stream', () => {
  const records = recordsOf('content-brief-approve');
  const clean = parse(records.map((record) => `${record}\x1E`).join(''));

  const garbage: [string, string, SteplineError['code'] | 'unknown'][] = [
    ['invalid JSON', '{"type":"workflow-step-start",', 'parse'],
    ['a bare string', 'hello', 'parse'],
    ['JSON without a type', '{"payload":{"id":"x"}}', 'invalid-event'],
    [
      'a step event without an id',
      '{"type":"workflow-step-result","payload":{"status":"success"}}',
      'invalid-event',
    ],
    ['an unknown event type', '{"type":"workflow-step-teleported","payload":{"id":"outline"}}', 'unknown'],
    [
      'a 10 MB record of an unknown type',
      JSON.stringify({ type: 'agent-blob', payload: 'z'.repeat(10 * 1024 * 1024) }),
      'unknown',
    ],
  ];

  it.each(garbage)('reports %s, skips it, and ends in the same state', (_name, record, expected) => {
    const middle = Math.floor(records.length / 2);
    const body = [...records.slice(0, middle), record, ...records.slice(middle)]
      .map((r) => `${r}\x1E`)
      .join('');
    const result = parse(body);
    if (expected === 'unknown') {
      expect(result.errors).toEqual([]);
      expect(result.unknown).toHaveLength(1);
    } else {
      expect(result.errors.map((error) => error.code)).toEqual([expected]);
      expect(result.unknown).toEqual([]);
      expect(result.errors[0]!.input!.length).toBeLessThan(300);
    }
    expect(result.state).toEqual(clean.state);
  });

  it('keeps everything before a record cut off by a dropped connection', () => {
    const cut =
      records
        .slice(0, 5)
        .map((r) => `${r}\x1E`)
        .join('') + records[5]!.slice(0, 40);
    const result = parse(cut);
    expect(result.events).toHaveLength(5);
    expect(result.errors.map((error) => error.code)).toEqual(['parse']);
  });

  it('applies a step event that is missing optional fields (no call id, no timestamps)', () => {
    const minimal = parse(
      '{"type":"workflow-step-start","payload":{"id":"a"}}\x1E{"type":"workflow-step-result","payload":{"id":"a","status":"success","output":1}}\x1E',
    );
    expect(minimal.errors).toEqual([]);
    expect(minimal.state.steps.get('a')).toMatchObject({ status: 'success', output: 1 });
  });
});
