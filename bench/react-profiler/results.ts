/**
 * What the in-browser harness (page.tsx) measures and hands back to Node. Plain JSON: it crosses
 * `page.evaluate`.
 */

export interface FloodOptions {
  readonly eventsPerSecond: number;
  readonly seconds: number;
  /** Distinct step ids; beyond that steps repeat as loop iterations. At most 200 keeps the list unwindowed. */
  readonly distinctSteps: number;
  /** Also name the components each commit of a crowded frame started from (slower: a fiber walk per commit). */
  readonly diagnose?: boolean;
}

/** A frame that held more than one commit, for finding where the extra commit came from. */
export interface CrowdedFrame {
  /** The frame's start, ms from the first event. */
  readonly frameMs: number;
  readonly commits: readonly {
    /** ms from the frame's start. */
    readonly atMs: number;
    readonly rows: number;
    readonly actualDuration: number;
    readonly causes: readonly string[];
  }[];
}

export interface FloodResult {
  readonly events: number;
  readonly distinctSteps: number;
  /** `onChunks` calls: the network reads the events arrived in. */
  readonly reads: number;
  /** From the first event to the last one handed over. */
  readonly pushSeconds: number;
  /** Animation frames from the first event until the DOM showed the final run (and two more frames). */
  readonly frames: number;
  /** How long that took, s. */
  readonly windowSeconds: number;
  /** `requestAnimationFrame` calls the page made in that time (the harness's own frame clock not counted). */
  readonly frameRequests: number;
  /** Frames per second in the half second before the flood, the view mounted and quiet. */
  readonly idleFramesPerSecond: number;
  /** Commits of the tree under the root `<Profiler>` in the same window. */
  readonly commits: number;
  readonly maxCommitsInOneFrame: number;
  readonly framesWithSeveralCommits: number;
  /** Sum of `actualDuration` over those commits, ms. */
  readonly renderMs: number;
  readonly largestCommitMs: number;
  /** Timeline rows (the `renderStep` `<Profiler>`) rendered over the flood. */
  readonly rowRenders: number;
  /** From the last event handed over until the DOM showed the final run, ms. */
  readonly settleMs: number;
  /** The DOM afterwards: rows (`li[data-step-id]`), rows that say success, the run's status. */
  readonly domRows: number;
  readonly domRowsSucceeded: number;
  readonly domRunStatus: string | null;
  /** With `diagnose`: the frames that held more than one commit. */
  readonly crowdedFrames?: readonly CrowdedFrame[];
}

export interface LargeRunOptions {
  readonly steps: number;
  /** `timeline.virtualizeAbove`; undefined keeps the default (200). */
  readonly virtualizeAbove?: number;
}

export interface LargeRunResult {
  readonly steps: number;
  readonly windowed: boolean;
  readonly firstRender: {
    /** Commits from `root.render` until the DOM held the run's rows. */
    readonly commits: number;
    /** `actualDuration` of the mount commit (the run not loaded yet), ms. */
    readonly mountCommitMs: number;
    /** Sum of `actualDuration` of those commits, ms. */
    readonly renderMs: number;
    readonly largestCommitMs: number;
    /** Wall time from `root.render` until the DOM held the rows, and until the frame after it. */
    readonly wallToRowsMs: number;
    readonly wallToPaintMs: number;
    /** `li[data-step-id]` in the DOM, and how many rows the list says it has. */
    readonly rowsInDom: number;
    readonly listSize: number;
  };
  readonly update: {
    readonly stepId: string;
    /** Commits from the `step-result` until the row said success, plus three frames. */
    readonly commits: number;
    readonly renderMs: number;
    /** Distinct timeline rows whose `<Profiler>` reported a render in those commits. */
    readonly rowsRerendered: number;
    readonly rowIds: readonly string[];
    readonly rowsInDom: number;
    readonly wallMs: number;
  };
}

export interface AgentAnswerOptions {
  readonly tokens: number;
  readonly tokensPerSecond: number;
}

export interface AgentAnswerResult {
  readonly tokens: number;
  readonly seconds: number;
  readonly frames: number;
  readonly framesPerSecond: number;
  readonly commits: number;
  readonly maxCommitsInOneFrame: number;
  /** PerformanceObserver `longtask` entries (over 50 ms) while the answer streamed. */
  readonly longTasks: number;
  readonly longestTaskMs: number;
  /** When each long task started (s from the first token) and how long it took. */
  readonly longTasksAt: readonly { readonly seconds: number; readonly ms: number }[];
  readonly largestCommitMs: number;
  /** When the largest commit happened, s from the first token. */
  readonly largestCommitSeconds: number;
  /** Mean `actualDuration` of the first and the last tenth of the commits: equal when a token's cost does not grow with the text. */
  readonly firstTenthCommitMs: number;
  readonly lastTenthCommitMs: number;
  /** The DOM showed the whole answer, exactly. */
  readonly textShown: boolean;
}

export interface BenchApi {
  flood(options: FloodOptions): Promise<FloodResult>;
  largeRun(options: LargeRunOptions): Promise<LargeRunResult>;
  agentAnswer(options: AgentAnswerOptions): Promise<AgentAnswerResult>;
}

/** Where page.tsx puts the harness. */
export type BenchWindow = { steplineBench: BenchApi };
