import {
  loadAgentManifest,
  type RecordedScenario,
  readSegmentChunks,
  replayScenario,
} from '@stepline/test-support';
import { describe, expect, it } from 'vitest';
import { createMastraStreamParser } from '../wire/mastra-stream-parser';
import type { AgentTranscript } from './agent-transcript';
import type { RunEvent } from './run-event';
import { reduceRunEvents } from './run-reducer';
import { createRunState, type RunState } from './run-state';

// Agent steps recorded from the real Mastra server with scripted models (fixtures/recorded-agents).
// The manifest carries the models' scripts, written by the recorder from the same source the models
// stream, so "the text equals the script" is checked against what the model said, not against Mastra.

const scenarios = loadAgentManifest().scenarios;
const scenario = (name: string): RecordedScenario => {
  const found = scenarios.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no recorded scenario ${name}`);
  return found;
};

/** Every transcript of a step, across its executions, in order. */
function transcriptsOf(state: RunState, stepId: string): AgentTranscript[] {
  return (state.steps.get(stepId)?.executions.toArray() ?? []).flatMap((execution) => execution.transcripts);
}

/** The events of one recorded body, read in order through the client's own parser, in network chunks. */
function segmentBatches(scenario: RecordedScenario, index: number): RunEvent[][] {
  const batches: RunEvent[][] = [];
  const parser = createMastraStreamParser({ onEvents: (events) => batches.push(events) });
  for (const chunk of readSegmentChunks(scenario.segments[index]!)) parser.push(chunk.bytes);
  parser.end();
  return batches;
}

function reduceBatches(state: RunState, batches: readonly RunEvent[][]): RunState {
  let next = state;
  for (const batch of batches) next = reduceRunEvents(next, batch);
  return next;
}

function expectScriptedText(state: RunState, recorded: RecordedScenario): void {
  const expected = recorded.expectedAgentText!;
  for (const [stepId, texts] of Object.entries(expected.text)) {
    const transcripts = transcriptsOf(state, stepId);
    if (transcripts.length === 0) {
      // writer.write(token): plain writes, kept in order with their repeats.
      expect(state.steps.get(stepId)?.writes.toArray().join(''), `${recorded.name} ${stepId}`).toBe(
        texts.join(''),
      );
      continue;
    }
    expect(
      transcripts.map((transcript) => transcript.text),
      `${recorded.name} ${stepId}`,
    ).toEqual(texts);
    expect(transcripts.every((transcript) => transcript.status === 'done')).toBe(true);
  }
  for (const [stepId, texts] of Object.entries(expected.reasoning ?? {})) {
    const reasoning = transcriptsOf(state, stepId).map((transcript) =>
      transcript.parts
        .toArray()
        .flatMap((part) => (part.type === 'reasoning' ? [part.text] : []))
        .join(''),
    );
    expect(reasoning, `${recorded.name} ${stepId} reasoning`).toEqual(texts);
  }
}

describe('agent transcripts from recorded agent runs', () => {
  it.each(scenarios.map((recorded) => [recorded.name, recorded] as const))(
    '%s: every recorded body alone gives the models’ scripts exactly, no token lost or repeated',
    (_name, recorded) => {
      recorded.segments.forEach((_segment, index) => {
        expectScriptedText(reduceBatches(createRunState(), segmentBatches(recorded, index)), recorded);
      });
    },
  );

  it.each(scenarios.map((recorded) => [recorded.name, recorded] as const))(
    '%s: all bodies merged at their recorded times give the scripts once',
    (_name, recorded) => {
      expectScriptedText(replayScenario(recorded).state, recorded);
    },
  );

  it.each(scenarios.map((recorded) => [recorded.name, recorded] as const))(
    '%s: a body read again leaves the state object as it was',
    (_name, recorded) => {
      const batches = segmentBatches(recorded, 0);
      const state = reduceBatches(createRunState(), batches);
      expect(reduceBatches(state, segmentBatches(recorded, 0))).toBe(state);
    },
  );

  it('a reload mid-answer rebuilds the text so far from observe’s replay and goes on to the exact story', () => {
    const story = scenario('agent-story');
    const observe = story.segments.findIndex((segment) => segment.kind === 'observe-running');
    const batches = segmentBatches(story, observe);
    // The page reloads: a fresh state reads only the observe body, which replays the history twice.
    let state = createRunState();
    let seenMidAnswer = false;
    for (const batch of batches) {
      state = reduceRunEvents(state, batch);
      const text = transcriptsOf(state, 'story-writer')[0]?.text ?? '';
      expect(story.expectedAgentText!.text['story-writer']![0]!.startsWith(text)).toBe(true);
      if (text !== '' && state.steps.get('story-writer')?.status === 'running') seenMidAnswer = true;
    }
    expect(seenMidAnswer).toBe(true);
    expectScriptedText(state, story);
  });

  it('the tab that watched from the start and the tab that reloaded hold the same transcript', () => {
    const story = scenario('agent-story');
    const live = reduceBatches(createRunState(), segmentBatches(story, 0));
    const reloaded = reduceBatches(createRunState(), segmentBatches(story, 1));
    expect(transcriptsOf(reloaded, 'story-writer')).toEqual(transcriptsOf(live, 'story-writer'));
  });

  it('pairs tool calls with their results and errors, and keeps model-call boundaries and usage', () => {
    const state = replayScenario(scenario('agent-research')).state;
    const [researcher, editor] = transcriptsOf(state, 'research');
    expect(researcher?.agentId).toBe('researcher');
    expect(editor?.agentId).toBe('editor');
    const tools = researcher!.parts.toArray().filter((part) => part.type === 'tool-call');
    expect(tools.map((tool) => [tool.toolName, tool.state])).toEqual([
      ['lookupCapacity', 'answered'],
      ['lookupPrice', 'failed'],
    ]);
    expect(tools[0]).toMatchObject({ args: { stations: ['La Rance', 'Sihwa'] }, result: { megawatts: 527 } });
    expect(tools[1]?.error?.message).toBe('The price service is unavailable');
    expect(researcher!.modelCalls.map((call) => call.finishReason)).toEqual(['tool-calls', 'stop']);
    expect(researcher!.finishReason).toBe('stop');
    expect(researcher!.usage?.totalTokens).toBeGreaterThan(0);
    // The answer text belongs to the second model call, after the tool round.
    expect(researcher!.parts.toArray().find((part) => part.type === 'text')?.modelCall).toBe(1);
  });

  it('gives each nested draft step its own agent’s text although both say stepName "draft"', () => {
    const state = replayScenario(scenario('agent-nested')).state;
    expect(transcriptsOf(state, 'alpha-flow.draft')).toHaveLength(1);
    expect(transcriptsOf(state, 'beta-flow.draft')).toHaveLength(1);
    expect(state.steps.get('draft')).toBeUndefined();
  });

  it('puts each loop iteration’s agent call on that iteration', () => {
    const state = replayScenario(scenario('agent-loop')).state;
    const executions = state.steps.get('brainstorm')!.executions.toArray();
    expect(executions.map((execution) => execution.transcripts.map((transcript) => transcript.text))).toEqual(
      scenario('agent-loop').expectedAgentText!.text.brainstorm!.map((text) => [text]),
    );
  });

  it('keeps the 10,000-token answer whole and stores neither the chunks nor the big finish chunks', () => {
    const state = replayScenario(scenario('agent-long-answer')).state;
    const [transcript] = transcriptsOf(state, 'long-writer');
    expect(transcript!.chunkCount).toBeGreaterThan(10_000);
    expect(transcript!.parts).toHaveLength(1);
    expect(state.steps.get('long-writer')!.writes.toArray()).toEqual([]);
    // What is kept is about the text: no copy of Mastra's 229 kB step-finish/finish chunks.
    expect(JSON.stringify(transcript).length).toBeLessThan(2 * transcript!.text.length + 2_000);
  });
});
