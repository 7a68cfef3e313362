export type { AgentOutputRenderProps, RenderAgentOutput } from './agent-output-context';
export { AgentTranscriptView } from './agent-transcript-view';
export { ReasoningPart } from './reasoning-part';
export { StepAgentOutput } from './step-agent-output';
export { ToolCallCard } from './tool-call-card';
export { TranscriptText } from './transcript-text';
export { UsageLine } from './usage-line';
