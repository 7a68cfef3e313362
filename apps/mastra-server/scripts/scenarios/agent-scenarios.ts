import {
  draftText,
  editorAnswer,
  longAnswerTokens,
  researchAnswer,
  researchReasoning,
  roundText,
  storyText,
} from '../../src/agents/model-scripts.ts';
import { optimistText, skepticText } from '../../src/workflows/agent-parallel.ts';
import type { ExpectedAgentText, WorkflowEvent } from '../recorder/types.ts';
import { expectFinish, once, type Scenario } from './scenario.ts';

/** The n-th `workflow-step-output` whose inner chunk has `type` (a plain `writer.write` string counts as 'string'). */
function nthOutput(type: string, n: number): (event: WorkflowEvent) => boolean {
  let seen = 0;
  return (event) => {
    if (event.type !== 'workflow-step-output') return false;
    const output = event.payload?.output;
    const outputType =
      typeof output === 'string' ? 'string' : (output as { type?: unknown } | undefined)?.type;
    if (outputType !== type) return false;
    seen += 1;
    return seen === n;
  };
}

function streamed(
  name: string,
  workflowId: string,
  description: string,
  inputData: unknown,
  expectedAgentText: ExpectedAgentText,
): Scenario {
  return {
    name,
    workflowId,
    description,
    expectedFinalStatus: 'success',
    expectedAgentText,
    async run(recorder) {
      await recorder.createRun();
      expectFinish(await recorder.stream('stream', { body: { inputData } }), 'success');
    },
  };
}

export const agentScenarios: Scenario[] = [
  {
    name: 'agent-story',
    workflowId: 'agent-story',
    description:
      'createStep(agent): a 23-token story with repeated words. At the 10th text-delta: observe while ' +
      'running (a reload mid-answer) and a snapshot; after the run: observe again.',
    expectedFinalStatus: 'success',
    expectedAgentText: { text: { 'story-writer': [storyText] } },
    async run(recorder) {
      await recorder.createRun();
      let observing: Promise<unknown> | undefined;
      const stream = await recorder.stream('stream', {
        body: { inputData: { topic: 'a cat and a dog' } },
        onEvent: once(nthOutput('text-delta', 10), () => {
          observing = recorder.stream('observe-running', { note: 'opened at the 10th text-delta' });
          void recorder.snapshot('mid-answer');
        }),
      });
      expectFinish(stream, 'success');
      await observing;
      await recorder.stream('observe-finished', { note: 'opened after the run finished' });
    },
  },
  {
    name: 'agent-research',
    workflowId: 'agent-research',
    description:
      'One step, two agents one after the other, both piped into the writer (fullStream.pipeTo): ' +
      'reasoning, two tool calls (one fails), a second model call, then the editor agent. Observe ' +
      'opened at the first tool-call.',
    expectedFinalStatus: 'success',
    expectedAgentText: {
      text: { research: [researchAnswer, editorAnswer] },
      reasoning: { research: [researchReasoning, ''] },
    },
    async run(recorder) {
      await recorder.createRun();
      let observing: Promise<unknown> | undefined;
      const stream = await recorder.stream('stream', {
        body: { inputData: { question: 'How much tidal power is installed?' } },
        onEvent: once(nthOutput('tool-call', 1), () => {
          observing = recorder.stream('observe-running', { note: 'opened at the first tool-call' });
        }),
      });
      expectFinish(stream, 'success');
      await observing;
    },
  },
  streamed(
    'agent-text-stream',
    'agent-text-stream',
    'writer.write(token) for each token of an agent textStream: plain string outputs, no agent run id.',
    { topic: 'a cat and a dog' },
    { text: { narrate: [storyText] } },
  ),
  streamed(
    'agent-parallel',
    'agent-parallel',
    'Two createStep(agent) steps in .parallel(): chunks of the optimist and the skeptic interleave.',
    { topic: 'tidal power' },
    { text: { optimist: [optimistText], skeptic: [skepticText] } },
  ),
  streamed(
    'agent-nested',
    'agent-nested',
    'Two nested workflows in parallel (alpha-flow, beta-flow), each with an agent step named draft: ' +
      'both streams say stepName "draft" and interleave.',
    { brief: 'a harbour plan' },
    { text: { 'alpha-flow.draft': [draftText('alpha-flow')], 'beta-flow.draft': [draftText('beta-flow')] } },
  ),
  streamed(
    'agent-loop',
    'agent-loop',
    'An agent step in .dountil(): three iterations of brainstorm, one agent call each.',
    { rounds: 3 },
    { text: { brainstorm: [roundText(1), roundText(2), roundText(3)] } },
  ),
  {
    name: 'agent-long-answer',
    workflowId: 'agent-long-answer',
    description:
      'createStep(agent) answering 10,000 tokens from a nine-word vocabulary at 2,000 tokens/s; a ' +
      'snapshot at the 3,000th text-delta (mid-answer).',
    expectedFinalStatus: 'success',
    expectedAgentText: { text: { 'long-writer': [longAnswerTokens(10_000).join('')] } },
    async run(recorder) {
      await recorder.createRun();
      const stream = await recorder.stream('stream', {
        body: { inputData: { tokens: 10_000, tokensPerSecond: 2_000 } },
        onEvent: once(nthOutput('text-delta', 3_000), () => void recorder.snapshot('mid-answer')),
      });
      expectFinish(stream, 'success');
    },
  },
];
