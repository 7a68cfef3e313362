import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createMastraHttpTransport,
  createRunState,
  mergeSnapshot,
  normalizeSnapshot,
  type RunController,
  type RunState,
  reduceRunEvents,
} from '@stepline/client';
import { createMockMastraFetch } from '@stepline/client/testing';
import { createMastraStreamParser } from '@stepline/client/wire';
import {
  fixturesDir,
  loadAgentManifest,
  type RecordedScenario,
  readSegmentBytes,
  readSnapshot,
  replayScenario,
} from '@stepline/test-support';
import { cleanup, render, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { baseUrl, CaptureController, showState } from '../../test/render-helpers';
import { WorkflowRun, type WorkflowRunProps } from '../components/workflow-run';
import { useStepTranscript } from '../hooks/use-step-transcript';
import { SteplineProvider } from '../stepline-provider';

// Runs recorded from the real Mastra server with agents on scripted models (fixtures/recorded-agents).

afterEach(cleanup);

function agentScenario(name: string): RecordedScenario {
  const found = loadAgentManifest().scenarios.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no recorded agent scenario ${name}`);
  return found;
}

/** The state of a client that read the first `bytes` bytes of the scenario's first stream. */
function streamedState(name: string, bytes?: number): RunState {
  const body = readSegmentBytes(agentScenario(name).segments[0]!);
  let state = createRunState();
  const parser = createMastraStreamParser({ onEvents: (events) => (state = reduceRunEvents(state, events)) });
  parser.push(bytes === undefined ? body : body.subarray(0, bytes));
  parser.end();
  return state;
}

function renderRun(workflowId: string, props: Partial<WorkflowRunProps> = {}, extra?: ReactNode) {
  const details = JSON.parse(
    readFileSync(join(fixturesDir, '../recorded-agents/workflows', `${workflowId}.json`), 'utf8'),
  ) as Record<string, unknown>;
  const fetch = createMockMastraFetch({ workflows: { [workflowId]: details } });
  let controller: RunController | undefined;
  const view = render(
    <SteplineProvider transport={createMastraHttpTransport({ baseUrl, fetch })}>
      <WorkflowRun workflowId={workflowId} runId="run-1" enabled={false} {...props}>
        <CaptureController onController={(captured) => (controller = captured)} />
        {extra}
      </WorkflowRun>
    </SteplineProvider>,
  );
  return { ...view, controller: controller! };
}

function answerOf(label: RegExp): HTMLElement {
  return screen.getByRole('region', { name: label });
}

/** The answer box once its code has loaded (it is a lazy chunk; the box says busy until then). */
function loadedAnswerOf(label: RegExp): Promise<HTMLElement> {
  return vi.waitFor(() => {
    const answer = answerOf(label);
    expect(answer.getAttribute('aria-busy')).toBeNull();
    return answer;
  });
}

const story = () => agentScenario('agent-story').expectedAgentText!.text['story-writer']![0]!;

/** A custom part built on the hook. */
function Answer() {
  const { text, streaming } = useStepTranscript('story-writer');
  return (
    <p data-testid="hooked" aria-busy={streaming}>
      {text}
    </p>
  );
}

/** A custom part on the hook, for a step that writes its tokens itself. */
function Narration() {
  const { text, streaming } = useStepTranscript('narrate');
  return (
    <p data-testid="narration" aria-busy={streaming}>
      {text}
    </p>
  );
}

describe('agent output in <WorkflowRun>', () => {
  it('shows the answer so far with a caret while it streams, as text and not as JSON lines', async () => {
    const body = readSegmentBytes(agentScenario('agent-story').segments[0]!);
    // Cut the stream in the middle of the answer.
    const { controller, container } = renderRun('agent-story');
    await showState(controller, streamedState('agent-story', Math.floor(body.length / 3)));
    const answer = await loadedAnswerOf(/answer of/i);
    const text = answer.querySelector('.stepline-transcript__text')!;
    expect(text.getAttribute('data-state')).toBe('streaming');
    expect(text.querySelector('.stepline-transcript__caret')).not.toBeNull();
    expect(story().startsWith(text.textContent!)).toBe(true);
    expect(text.textContent!.length).toBeGreaterThan(5);
    expect(container.querySelector('.stepline-step__write')).toBeNull();
  });

  it('lays a long answer out in blocks that later tokens leave alone (layout per token stays flat)', async () => {
    const recorded = agentScenario('agent-long-answer');
    const text = recorded.expectedAgentText!.text['long-writer']![0]!;
    const body = readSegmentBytes(recorded.segments[0]!);
    const { controller } = renderRun('agent-long-answer');
    await showState(controller, streamedState('agent-long-answer', Math.floor(body.length * 0.6)));
    await loadedAnswerOf(/answer of/i);
    const answer = () => answerOf(/answer of/i).querySelector('.stepline-transcript__text')!;
    const before = [...answer().querySelectorAll('.stepline-text-block')];
    // A 45 kB paragraph with no line break: cut near every 8,000 characters, the last block still open.
    expect(before.length).toBeGreaterThanOrEqual(3);
    const closedBefore = before.slice(0, -1).map((block) => block.textContent);
    await showState(controller, streamedState('agent-long-answer'));
    const after = [...answer().querySelectorAll('.stepline-text-block')];
    // The same DOM nodes with the same text: React did not touch them, the browser need not lay them out.
    before.slice(0, -1).forEach((block, index) => {
      expect(after[index]).toBe(block);
      expect(block.textContent).toBe(closedBefore[index]);
    });
    expect(answer().textContent).toBe(text);
  });

  it('says an answer may be another same-named step’s until the stream tells them apart', async () => {
    // Two nested workflows' `draft` steps, whose agents start together: until a step ends, only start
    // order puts each answer on a step.
    const body = readSegmentBytes(agentScenario('agent-nested').segments[0]!);
    const firstResult = Buffer.from(body).indexOf('"workflow-step-result"');
    const { controller } = renderRun('agent-nested');
    await showState(controller, streamedState('agent-nested', firstResult));
    const answers = screen.getAllByRole('region', { name: /answer of/i });
    expect(answers).toHaveLength(2);
    for (const answer of answers) {
      expect(within(answer).getByRole('note').textContent).toMatch(
        /another step named “draft”.*alpha-flow\.draft, beta-flow\.draft/,
      );
    }
    // The first step to succeed (its agent done, the other's not) tells which answer was whose.
    await showState(controller, streamedState('agent-nested'));
    expect(screen.queryAllByRole('note')).toEqual([]);
  });

  it('shows the whole answer once done, without a caret, and the usage', async () => {
    const { controller, container } = renderRun('agent-story');
    await showState(controller, streamedState('agent-story'));
    const answer = await loadedAnswerOf(/answer of/i);
    expect(answer.querySelector('.stepline-transcript__text')!.textContent).toBe(story());
    expect(answer.querySelector('.stepline-transcript__caret')).toBeNull();
    expect(within(answer).getByText(/tokens/)).toBeTruthy();
    const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((violation) => violation.id)).toEqual([]);
  });

  it('collapses reasoning and shows tool calls as cards, the failed one as failed', async () => {
    const { controller } = renderRun('agent-research');
    await showState(controller, replayScenario(agentScenario('agent-research')).state);
    const answer = await loadedAnswerOf(/answer of/i);
    const reasoning = answer.querySelector('details.stepline-transcript__reasoning') as HTMLDetailsElement;
    expect(reasoning.open).toBe(false);
    const cards = [...answer.querySelectorAll('.stepline-tool-call')];
    expect(cards.map((card) => card.getAttribute('data-state'))).toEqual(['answered', 'failed']);
    expect(cards[0]!.textContent).toContain('lookupCapacity');
    expect(cards[0]!.textContent).toContain('527');
    expect(cards[1]!.textContent).toContain('The price service is unavailable');
    // Both agents of the step, in order.
    expect(answer.querySelectorAll('.stepline-transcript')).toHaveLength(2);
  });

  it('shows the stored answer of a run opened after it ended, where no transcript exists', async () => {
    const recorded = agentScenario('agent-story');
    const final = recorded.snapshots.find((snapshot) => snapshot.moment === 'final')!;
    const snapshot = normalizeSnapshot(readSnapshot(final.file));
    if (!snapshot.ok) throw snapshot.error;
    const { controller } = renderRun('agent-story');
    await showState(controller, mergeSnapshot(createRunState(), snapshot.value));
    expect((await loadedAnswerOf(/answer of/i)).textContent).toBe(story());
  });

  it('lets the app render agent output its own way', async () => {
    const { controller } = renderRun('agent-story', {
      renderAgentOutput: ({ transcripts, storedText }) => (
        <output data-testid="custom">{transcripts[0]?.text ?? storedText}</output>
      ),
    });
    await showState(controller, streamedState('agent-story'));
    expect(screen.getByTestId('custom').textContent).toBe(story());
    expect(document.querySelector('.stepline-agent-output')).toBeNull();
  });

  it('shows writer.write(token) tokens joined as the answer, repeats kept (the text-stream pattern)', async () => {
    const { controller, container } = renderRun('agent-text-stream');
    const body = readSegmentBytes(agentScenario('agent-text-stream').segments[0]!);
    await showState(controller, streamedState('agent-text-stream', Math.floor(body.length / 2)));
    const midway = (await loadedAnswerOf(/answer of/i)).querySelector('.stepline-transcript__text')!;
    expect(midway.querySelector('.stepline-transcript__caret')).not.toBeNull();
    expect(story().startsWith(midway.textContent!)).toBe(true);
    await showState(controller, streamedState('agent-text-stream'));
    expect(answerOf(/answer of/i).textContent).toBe(story());
    // The writes themselves are still there for a custom view: the row shows the latest one.
    expect(container.querySelector('.stepline-step__write')?.textContent).toContain(' friends.');
  });

  it('useStepTranscript gives a step that writes its own tokens its answer as it streams', async () => {
    const { controller } = renderRun('agent-text-stream', {}, <Narration />);
    const body = readSegmentBytes(agentScenario('agent-text-stream').segments[0]!);
    await showState(controller, streamedState('agent-text-stream', Math.floor(body.length / 2)));
    const midway = screen.getByTestId('narration');
    expect(midway.getAttribute('aria-busy')).toBe('true');
    expect(midway.textContent!.length).toBeGreaterThan(5);
    expect(story().startsWith(midway.textContent!)).toBe(true);
    await showState(controller, streamedState('agent-text-stream'));
    expect(screen.getByTestId('narration').textContent).toBe(story());
    expect(screen.getByTestId('narration').getAttribute('aria-busy')).toBe('false');
  });

  it('useStepTranscript gives one step’s answer to a custom part', async () => {
    const { controller } = renderRun('agent-story', {}, <Answer />);
    await showState(controller, streamedState('agent-story'));
    expect(screen.getByTestId('hooked').textContent).toBe(story());
    expect(screen.getByTestId('hooked').getAttribute('aria-busy')).toBe('false');
  });
});
