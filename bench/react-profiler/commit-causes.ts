/**
 * Which components started a commit: read from React's fibers at the root `<Profiler>`'s report, for the
 * flood's crowded frames (two commits in one frame). A component rendered in this commit when React began
 * it after the commit's render started (`actualStartTime`, kept by the profiling build) and its function ran
 * (`PerformedWork`); the ones whose parent component did not render are where the update came from. Names
 * need the unminified bundle (`STEPLINE_BENCH_MINIFY=0`); minified they are one or two letters.
 */

interface Fiber {
  tag: number;
  type: unknown;
  flags: number;
  actualStartTime?: number;
  alternate: Fiber | null;
  memoizedState: Hook | null;
  memoizedProps: unknown;
  child: Fiber | null;
  sibling: Fiber | null;
}

interface Hook {
  memoizedState: unknown;
  next: Hook | null;
}

/** What changed for a component that rendered: mounted, new props, or which hooks (by index) hold new state. */
function whatChanged(fiber: Fiber): string {
  const before = fiber.alternate;
  if (!before) return 'mount';
  const changed: number[] = [];
  let index = 0;
  for (
    let a = before.memoizedState, b = fiber.memoizedState;
    a || b;
    a = a?.next ?? null, b = b?.next ?? null
  ) {
    if (a?.memoizedState !== b?.memoizedState) changed.push(index);
    index++;
  }
  const props = before.memoizedProps !== fiber.memoizedProps ? 'props ' : '';
  return `${props}hooks ${changed.join(',') || 'none'}`;
}

const functionTags = new Set([0, 1, 11, 14, 15]); // function, class, forwardRef, memo, simple memo
const performedWork = 1;

function nameOf(fiber: Fiber): string {
  const type = fiber.type as { displayName?: string; name?: string; type?: { name?: string } } | null;
  return type?.displayName ?? type?.name ?? type?.type?.name ?? `tag ${fiber.tag}`;
}

/** The HostRoot fiber of the root rendered into `container`. */
export function rootFiberOf(container: Element): Fiber | undefined {
  const key = Object.keys(container).find((name) => name.startsWith('__reactContainer$'));
  return key ? ((container as unknown as Record<string, Fiber>)[key] ?? undefined) : undefined;
}

/** The components that rendered since `renderStart` while no component above them did. */
export function commitCauses(root: Fiber, renderStart: number): string[] {
  const causes: string[] = [];
  const walk = (fiber: Fiber | null, parentRendered: boolean) => {
    for (let node = fiber; node; node = node.sibling) {
      const isComponent = functionTags.has(node.tag);
      const rendered =
        isComponent && (node.actualStartTime ?? -1) >= renderStart && (node.flags & performedWork) !== 0;
      if (rendered && !parentRendered) causes.push(`${nameOf(node)} (${whatChanged(node)})`);
      walk(node.child, isComponent ? rendered : parentRendered);
    }
  };
  walk(root.child, false);
  return causes;
}
