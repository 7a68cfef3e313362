import { randomUUID } from 'node:crypto';
import { createOutputPositions, createRunState, reduceRunEvents } from '@stepline/client';
import { chunksToEvents } from '@stepline/client/wire';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftText, longAnswerTokens, researchAnswer, storyText } from './agents/model-scripts.ts';
import { type RunningMastraServer, startMastraServer } from './server.ts';
import { finishStatus, postJson, readStream, type StreamEvent } from './test-helpers.ts';

// The agent workflows are driven by scripted models: what Mastra streams must be exactly the script,
// so the recordings built on them say something about Mastra, not about the scripts.

interface AgentChunk {
  type: string;
  runId: string;
  payload: { id?: string; text?: string; toolCallId?: string; toolName?: string };
}

function outputs(events: StreamEvent[], stepName: string): unknown[] {
  return events
    .filter((event) => event.type === 'workflow-step-output' && event.payload?.stepName === stepName)
    .map((event) => event.payload?.output);
}

function textOf(chunks: unknown[], agentRunId?: string): string {
  return (chunks as AgentChunk[])
    .filter(
      (chunk) => chunk.type === 'text-delta' && (agentRunId === undefined || chunk.runId === agentRunId),
    )
    .map((chunk) => chunk.payload.text)
    .join('');
}

describe('agent workflows on scripted models', () => {
  let server: RunningMastraServer;

  beforeAll(async () => {
    server = await startMastraServer({ port: 0, storageUrl: ':memory:' });
  });

  afterAll(async () => {
    await server.close();
  });

  async function run(workflowId: string, inputData: unknown) {
    const runId = randomUUID();
    const base = `${server.apiUrl}/workflows/${workflowId}`;
    expect((await postJson(`${base}/create-run?runId=${runId}`)).status).toBe(200);
    const result = await readStream(`${base}/stream?runId=${runId}`, { inputData });
    expect(finishStatus(result.events)).toBe('success');
    return result.events;
  }

  it('streams the story of createStep(agent) token by token under the agent id, repeats included', async () => {
    const events = await run('agent-story', {});
    const chunks = outputs(events, 'story-writer') as AgentChunk[];
    expect(textOf(chunks)).toBe(storyText);
    // " the" is sent many times, byte for byte the same record.
    const the = events.filter((event) =>
      (JSON.stringify(event.payload?.output) ?? '').includes('"text":" the"'),
    );
    expect(new Set(the.map((event) => JSON.stringify(event))).size).toBe(1);
    expect(the.length).toBeGreaterThan(3);
  });

  it('pipes reasoning, two tool calls (one failing) and two agents into one step', async () => {
    const events = await run('agent-research', {});
    const chunks = outputs(events, 'research') as AgentChunk[];
    const agentRuns = [...new Set(chunks.map((chunk) => chunk.runId))];
    expect(agentRuns).toHaveLength(2);
    expect(textOf(chunks, agentRuns[0])).toBe(researchAnswer);
    const types = chunks.map((chunk) => chunk.type);
    expect(types).toContain('reasoning-delta');
    expect(
      chunks.filter((chunk) => chunk.type === 'tool-call').map((chunk) => chunk.payload.toolName),
    ).toEqual(['lookupCapacity', 'lookupPrice']);
    expect(types).toContain('tool-error');
    expect(types).toContain('tool-result');
  });

  it('names both nested draft steps "draft" on the output chunks', async () => {
    const events = await run('agent-nested', {});
    const chunks = outputs(events, 'draft') as AgentChunk[];
    const agentRuns = [...new Set(chunks.map((chunk) => chunk.runId))];
    expect(agentRuns).toHaveLength(2);
    expect(agentRuns.map((agentRun) => textOf(chunks, agentRun)).sort()).toEqual(
      [draftText('alpha-flow'), draftText('beta-flow')].sort(),
    );

    // Read by the client: nothing on the wire says whose call is whose, so each draft ends on its own
    // step when the order of the stream told, and is marked a guess when it did not; never wrong unmarked.
    let state = createRunState();
    chunksToEvents(events, {}, createOutputPositions()).forEach((event) => {
      state = reduceRunEvents(state, [event]);
    });
    for (const flow of ['alpha-flow', 'beta-flow']) {
      const transcripts = state.steps
        .get(`${flow}.draft`)!
        .executions.toArray()
        .flatMap((run) => run.transcripts);
      expect(transcripts).toHaveLength(1);
      const [transcript] = transcripts;
      if (transcript!.ambiguousAmong === undefined) expect(transcript!.text).toBe(draftText(flow));
      else expect(transcript!.ambiguousAmong).toEqual(['alpha-flow.draft', 'beta-flow.draft']);
    }
  });

  it('answers exactly the generated long answer', async () => {
    const events = await run('agent-long-answer', { tokens: 500, tokensPerSecond: 20_000 });
    expect(textOf(outputs(events, 'long-writer'))).toBe(longAnswerTokens(500).join(''));
  });
});
