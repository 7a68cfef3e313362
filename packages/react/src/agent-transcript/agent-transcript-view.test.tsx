import type { AgentTranscript, TranscriptTextPart, TranscriptToolCallPart } from '@stepline/client';
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toJsonText } from '../components/json-view';
import { AgentTranscriptView } from './agent-transcript-view';

vi.mock('../components/json-view', async (original) => {
  const actual = await original<typeof import('../components/json-view')>();
  return { ...actual, toJsonText: vi.fn(actual.toJsonText) };
});

afterEach(cleanup);

const toolCall: TranscriptToolCallPart = {
  type: 'tool-call',
  toolCallId: 't1',
  toolName: 'lookupCapacity',
  args: { harbour: 'north' },
  state: 'answered',
  result: { rows: Array.from({ length: 1_000 }, (_, index) => ({ berth: index, free: index % 3 })) },
  error: undefined,
  modelCall: 0,
};

function transcript(text: string): AgentTranscript {
  const answer: TranscriptTextPart = { type: 'text', partId: 'txt-0', text, streaming: true, modelCall: 1 };
  return {
    agentRunId: 'a1',
    agentId: 'researcher',
    status: 'streaming',
    parts: [toolCall, answer],
    text,
    modelCalls: [],
    usage: undefined,
    finishReason: undefined,
    chunkCount: 0,
    ambiguousAmong: undefined,
  };
}

describe('AgentTranscriptView', () => {
  it('does not turn an unchanged tool result into text again for every token of the answer after it', () => {
    const view = render(<AgentTranscriptView transcript={transcript('The')} />);
    const calls = vi.mocked(toJsonText).mock.calls.length;
    expect(calls).toBeGreaterThan(0);
    for (const text of ['The north', 'The north harbour', 'The north harbour has room.']) {
      view.rerender(<AgentTranscriptView transcript={transcript(text)} />);
    }
    expect(vi.mocked(toJsonText).mock.calls.length).toBe(calls);
    expect(view.container.querySelector('.stepline-transcript__text')!.textContent).toBe(
      'The north harbour has room.',
    );
  });
});
