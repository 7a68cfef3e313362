import {
  type AgentChunk,
  type AgentTranscript,
  createRunState,
  type RunEvent,
  reduceRunEvents,
  selectStepTranscripts,
} from '@stepline/client';
import { stepStartEvent } from '@stepline/test-support';
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toJsonText } from '../components/json-view';
import { AgentTranscriptView } from './agent-transcript-view';

vi.mock('../components/json-view', async (original) => {
  const actual = await original<typeof import('../components/json-view')>();
  return { ...actual, toJsonText: vi.fn(actual.toJsonText) };
});

afterEach(cleanup);

const toolCall: AgentChunk = {
  type: 'tool-call',
  agentRunId: 'a1',
  toolCallId: 't1',
  toolName: 'lookupCapacity',
  args: { harbour: 'north' },
};
const toolResult: AgentChunk = {
  type: 'tool-result',
  agentRunId: 'a1',
  toolCallId: 't1',
  toolName: 'lookupCapacity',
  result: { rows: Array.from({ length: 1_000 }, (_, index) => ({ berth: index, free: index % 3 })) },
};

function output(agentChunk: AgentChunk): RunEvent {
  return { type: 'step-output', stepId: 'research', stepName: 'research', output: {}, agentChunk };
}

function delta(text: string): RunEvent {
  return output({ type: 'text-delta', agentRunId: 'a1', partId: 'txt-0', text });
}

/** Each state's transcript, as the reducer built it: one batch per token after a tool round. */
function transcripts(tokens: readonly string[]): AgentTranscript[] {
  let state = reduceRunEvents(createRunState(), [
    stepStartEvent('research'),
    output(toolCall),
    output(toolResult),
    output({ type: 'model-call-start', agentRunId: 'a1' }),
  ]);
  return tokens.map((token) => {
    state = reduceRunEvents(state, [delta(token)]);
    return selectStepTranscripts(state.steps.get('research'))[0]!;
  });
}

describe('AgentTranscriptView', () => {
  it('does not turn an unchanged tool result into text again for every token of the answer after it', () => {
    const [first, ...later] = transcripts(['The', ' north', ' harbour', ' has room.']);
    const view = render(<AgentTranscriptView transcript={first!} />);
    const calls = vi.mocked(toJsonText).mock.calls.length;
    expect(calls).toBeGreaterThan(0);
    for (const transcript of later) view.rerender(<AgentTranscriptView transcript={transcript} />);
    expect(vi.mocked(toJsonText).mock.calls.length).toBe(calls);
    expect(view.container.querySelector('.stepline-transcript__text')!.textContent).toBe(
      'The north harbour has room.',
    );
  });
});
