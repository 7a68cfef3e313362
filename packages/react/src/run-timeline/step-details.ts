// What a timeline draws only on demand (the step inspector, a step's rounds, with the JSON tree both use)
// as one lazy chunk: one fetch, and one gzip stream instead of three (see lazy-step-details.ts).
export { StepInspector } from './step-inspector';
export { StepIterationRows } from './step-iteration-rows';
