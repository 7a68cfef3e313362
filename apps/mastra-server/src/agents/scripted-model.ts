import type { MastraModelConfig } from '@mastra/core/llm';

// A language model that needs no network: every call streams a fixed script, token by token, at a
// chosen pace. It speaks the AI SDK's LanguageModelV2 protocol (the version @mastra/core 1.71 drives
// with `specificationVersion: 'v2'`), so Mastra's agent loop, tool calls and stream chunks are the real
// ones; only the provider is scripted.

type LanguageModelV2 = Extract<MastraModelConfig, { specificationVersion: 'v2'; doStream: unknown }>;
type CallOptions = Parameters<LanguageModelV2['doStream']>[0];
type Prompt = CallOptions['prompt'];

/** One part of a model turn, streamed in the order given. */
export type ScriptPart =
  | { type: 'reasoning'; tokens: readonly string[] }
  | { type: 'text'; tokens: readonly string[] }
  | { type: 'tool-call'; toolCallId: string; toolName: string; input: Record<string, unknown> };

/** What the model answers to one call: its parts and why it stopped. */
export interface ModelTurn {
  parts: readonly ScriptPart[];
  finishReason: 'stop' | 'tool-calls';
  /** Overrides the model's pace for this turn (a long answer streams faster than a short one). */
  pace?: { tokensPerTick: number; tickMs: number };
}

export interface ScriptedModelOptions {
  modelId: string;
  /** Picks the turn from the prompt, so concurrent agent calls on one model cannot mix up turns. */
  script: (prompt: Prompt) => ModelTurn;
  /** Tokens sent together before the model waits `tickMs` (a fast model sends several per tick). */
  tokensPerTick?: number;
  tickMs?: number;
}

/** True when the last message of the prompt is a tool result: the model is called back after a tool. */
export function answersToolResult(prompt: Prompt): boolean {
  return prompt.at(-1)?.role === 'tool';
}

/** The text of the last user message, which the scripts branch on. */
export function lastUserText(prompt: Prompt): string {
  const message = prompt.findLast((entry) => entry.role === 'user');
  if (message?.role !== 'user') return '';
  return message.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

/** Splits text into tokens that keep their leading space, as most tokenizers do. */
export function tokenize(text: string): string[] {
  return text.match(/\s*\S+/g) ?? [];
}

export function createScriptedModel(options: ScriptedModelOptions): LanguageModelV2 {
  const doStream: LanguageModelV2['doStream'] = async (call) => {
    const turn = options.script(call.prompt);
    const tokensPerTick = turn.pace?.tokensPerTick ?? options.tokensPerTick ?? 1;
    const tickMs = turn.pace?.tickMs ?? options.tickMs ?? 15;
    const parts = partsOf(turn, options.modelId);
    const inputTokens = promptTokens(call.prompt);
    const outputTokens = turn.parts.reduce(
      (sum, part) => sum + (part.type === 'tool-call' ? 8 : part.tokens.length),
      0,
    );
    let index = 0;
    let sinceTick = 0;
    const stream = new ReadableStream<StreamPart>({
      async pull(controller) {
        const part = parts[index];
        index += 1;
        if (part === undefined) {
          controller.enqueue({
            type: 'finish',
            finishReason: turn.finishReason,
            usage: { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens },
          });
          controller.close();
          return;
        }
        if (part.type === 'text-delta' || part.type === 'reasoning-delta') {
          sinceTick += 1;
          if (sinceTick === tokensPerTick) {
            sinceTick = 0;
            await wait(tickMs, call.abortSignal);
          }
        }
        controller.enqueue(part);
      },
    });
    return { stream: stream as Awaited<ReturnType<LanguageModelV2['doStream']>>['stream'] };
  };
  return {
    specificationVersion: 'v2',
    provider: 'stepline-scripted',
    modelId: options.modelId,
    supportedUrls: {},
    doStream,
    doGenerate: async () => {
      throw new Error(`${options.modelId} only streams`);
    },
  };
}

type StreamPart =
  | { type: 'stream-start'; warnings: [] }
  | { type: 'response-metadata'; id: string; modelId: string; timestamp: Date }
  | { type: 'text-start' | 'text-end' | 'reasoning-start' | 'reasoning-end'; id: string }
  | { type: 'text-delta' | 'reasoning-delta'; id: string; delta: string }
  | { type: 'tool-call'; toolCallId: string; toolName: string; input: string }
  | {
      type: 'finish';
      finishReason: ModelTurn['finishReason'];
      usage: { inputTokens: number; outputTokens: number; totalTokens: number };
    };

function partsOf(turn: ModelTurn, modelId: string): StreamPart[] {
  const parts: StreamPart[] = [
    { type: 'stream-start', warnings: [] },
    // A fixed time and id: the recording should differ from run to run only where Mastra makes it.
    { type: 'response-metadata', id: `${modelId}-response`, modelId, timestamp: new Date(0) },
  ];
  let textParts = 0;
  let reasoningParts = 0;
  for (const part of turn.parts) {
    switch (part.type) {
      case 'text':
      case 'reasoning': {
        const id = part.type === 'text' ? `txt-${textParts++}` : `reasoning-${reasoningParts++}`;
        parts.push({ type: `${part.type}-start`, id });
        for (const token of part.tokens) parts.push({ type: `${part.type}-delta`, id, delta: token });
        parts.push({ type: `${part.type}-end`, id });
        break;
      }
      case 'tool-call':
        parts.push({
          type: 'tool-call',
          toolCallId: part.toolCallId,
          toolName: part.toolName,
          input: JSON.stringify(part.input),
        });
        break;
      default:
        part satisfies never;
    }
  }
  return parts;
}

function promptTokens(prompt: Prompt): number {
  return Math.ceil(JSON.stringify(prompt).length / 4);
}

function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', abort, { once: true });
  });
}
