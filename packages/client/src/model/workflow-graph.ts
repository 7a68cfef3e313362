// A workflow's structure as its server describes it before a run starts (Mastra's `stepGraph`), read by
// the normalizer into these typed nodes so that nothing above the wire layer knows Mastra's names.

/**
 * One node of a workflow's graph. A `step` is something that runs and appears in the run's steps (a
 * plain step, an agent or tool step, a `.map()`, a `.sleep()`, or a nested workflow holding its own
 * graph); the other kinds are control flow around steps and never appear in the run themselves.
 */
export type WorkflowGraphNode =
  | WorkflowGraphStep
  | WorkflowGraphParallel
  | WorkflowGraphConditional
  | WorkflowGraphLoop
  | WorkflowGraphForeach;

export interface WorkflowGraphStep {
  readonly kind: 'step';
  /** The step's own id; inside a nested workflow the run names it `container.id`. */
  readonly id: string;
  readonly description: string | undefined;
  /** What sort of step it is: a nested workflow carries `children`; mapping and sleep are Mastra's own. */
  readonly role: 'step' | 'agent' | 'tool' | 'mapping' | 'sleep' | 'workflow';
  readonly canSuspend: boolean;
  /** Mastra's own steps (`.map()` / `.sleep()` without a name): hidden from a timeline by default. */
  readonly hidden: boolean;
  /** A nested workflow's graph; `undefined` when the server did not inline it. */
  readonly children: readonly WorkflowGraphNode[] | undefined;
}

/** `.parallel([...])`: every branch runs at once; the block ends when all have. */
export interface WorkflowGraphParallel {
  readonly kind: 'parallel';
  readonly branches: readonly WorkflowGraphNode[];
}

/** `.branch([[condition, step], ...])`: each branch whose condition holds runs; the others are skipped. */
export interface WorkflowGraphConditional {
  readonly kind: 'conditional';
  readonly branches: readonly WorkflowGraphNode[];
}

/** `.dowhile()` / `.dountil()`: the body runs in rounds until the condition says stop. */
export interface WorkflowGraphLoop {
  readonly kind: 'loop';
  readonly loopType: 'dowhile' | 'dountil';
  readonly body: WorkflowGraphNode;
}

/** `.foreach(step)`: the body runs once per item of its input, `concurrency` at a time. */
export interface WorkflowGraphForeach {
  readonly kind: 'foreach';
  readonly body: WorkflowGraphNode;
  readonly concurrency: number | undefined;
}

/** A workflow's top-level nodes, in order. */
export type WorkflowGraph = readonly WorkflowGraphNode[];
