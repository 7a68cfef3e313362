// `@stepline/react/agent`: the parts of an agent's transcript (answer text, reasoning, tool calls, usage).
// Only apps whose workflows run agents need them; the root entry still re-exports them for older imports.
export type { AgentOutputRenderProps, RenderAgentOutput } from './agent-transcript';
export {
  AgentTranscriptView,
  ReasoningPart,
  StepAgentOutput,
  ToolCallCard,
  TranscriptText,
  UsageLine,
} from './agent-transcript';
