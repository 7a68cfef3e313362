import type { ProfilerOnRenderCallback } from 'react';
import { commitCauses, rootFiberOf } from './commit-causes.ts';

/** One commit as the root `<Profiler>` saw it, with the timeline rows that rendered in it. */
export interface CommitRecord {
  /** `performance.now()` when React reported the commit. */
  readonly at: number;
  readonly phase: 'mount' | 'update' | 'nested-update';
  readonly actualDuration: number;
  readonly rows: readonly RowRender[];
  /** The components the commit's update started from (`watch` a container to get them). */
  readonly causes?: readonly string[];
}

export interface RowRender {
  readonly stepId: string;
  readonly actualDuration: number;
}

/**
 * Collects `<Profiler onRender>` reports. React calls a commit's inner profilers before the outer ones, so
 * the rows reported since the last root report belong to the commit the root reports next.
 */
export class CommitLog {
  private commits: CommitRecord[] = [];
  private rows: RowRender[] = [];
  private watched: Element | undefined;

  readonly onRoot: ProfilerOnRenderCallback = (_id, phase, actualDuration, _base, startTime) => {
    const fiber = this.watched ? rootFiberOf(this.watched) : undefined;
    const causes = fiber ? commitCauses(fiber, startTime) : undefined;
    this.commits.push({
      at: performance.now(),
      phase,
      actualDuration,
      rows: this.rows,
      ...(causes ? { causes } : {}),
    });
    this.rows = [];
  };

  /** Records which components started each commit of the root in `container` (a walk of its fibers per commit). */
  watch(container: Element | undefined): void {
    this.watched = container;
  }

  readonly onRow: ProfilerOnRenderCallback = (id, _phase, actualDuration) => {
    this.rows.push({ stepId: id, actualDuration });
  };

  /** Commits reported at or after `since`. */
  since(since: number): CommitRecord[] {
    return this.commits.filter((commit) => commit.at >= since);
  }

  clear(): void {
    this.commits = [];
    this.rows = [];
  }
}

/** One log for the page: `renderStep` must be a stable function, so it cannot close over a fresh one. */
export const commitLog = new CommitLog();
