import type { PlanBlockRow } from '@stepline/client';
import { type CSSProperties, memo, useCallback } from 'react';

const icons: Record<PlanBlockRow['kind'], string> = {
  parallel: '⇉',
  conditional: '↳',
  loop: '↻',
  foreach: '≡',
};

/**
 * What a block is doing, in the tense of its state: "Running in parallel" while its branches run, "Ran in
 * parallel" after, "In parallel" before.
 * @example blockCaption({ kind: 'parallel', state: 'active', size: 3, … }) // 'Running in parallel · 3 branches'
 */
export function blockCaption(row: PlanBlockRow): string {
  switch (row.kind) {
    case 'parallel': {
      const verb =
        row.state === 'active'
          ? 'Running in parallel'
          : row.state === 'done'
            ? 'Ran in parallel'
            : 'In parallel';
      return `${verb} · ${row.size} ${row.size === 1 ? 'branch' : 'branches'}${row.state === 'not-run' ? ' · not run' : ''}`;
    }
    case 'conditional': {
      const options = `${row.size} ${row.size === 1 ? 'branch' : 'branches'}`;
      if (row.state === 'pending' || row.state === 'not-run')
        return `Branch · one of ${options}${row.state === 'not-run' ? ' · not run' : ''}`;
      if (row.taken === 0) return `Branch · none of ${options} taken`;
      return `Branch · ${row.taken} of ${options} taken`;
    }
    case 'loop': {
      const rule =
        row.loopType === 'dountil'
          ? ' until its condition holds'
          : row.loopType === 'dowhile'
            ? ' while its condition holds'
            : '';
      const shown =
        row.roundsShown > 0 && row.roundsShown < row.roundsKept ? ` · the last ${row.roundsShown} shown` : '';
      if (row.state === 'active') return `Repeating${rule} · round ${row.round}${shown}`;
      if (row.state === 'done')
        return `Repeated${rule} · ${row.round} ${row.round === 1 ? 'round' : 'rounds'}${shown}`;
      return `Repeats${rule}${row.state === 'not-run' ? ' · not run' : ''}`;
    }
    case 'foreach': {
      const pace = row.concurrency && row.concurrency > 1 ? ` · ${row.concurrency} at a time` : '';
      const items =
        row.items === undefined ? 'each item' : `each of ${row.items} ${row.items === 1 ? 'item' : 'items'}`;
      const verb = row.state === 'active' ? 'Running for' : row.state === 'done' ? 'Ran for' : 'For';
      return `${verb} ${items}${pace}${row.state === 'not-run' ? ' · not run' : ''}`;
    }
    default:
      return row.kind satisfies never;
  }
}

/** A block of the plan (parallel, branch, loop, foreach) as a caption row above its steps. */
export const PlanBlockItem = /* @__PURE__ */ memo(function PlanBlockItem({
  row,
  posInSet,
  setSize,
  measure,
}: {
  row: PlanBlockRow;
  posInSet?: number;
  setSize?: number;
  measure?: ((id: string, element: HTMLElement | null) => void) | undefined;
}) {
  const ref = useCallback((element: HTMLLIElement | null) => measure?.(row.key, element), [measure, row.key]);
  const lost = row.kind === 'loop' && row.roundsKept > 0 && row.roundsKept < row.round;
  const lostIterations = row.kind === 'foreach' && row.iterationsLost;
  return (
    <li
      ref={measure ? ref : undefined}
      className="stepline-block"
      data-row-key={row.key}
      data-kind={row.kind}
      data-state={row.state}
      data-depth={row.depth}
      aria-posinset={posInSet}
      aria-setsize={setSize}
      style={{ '--stepline-depth': row.depth } as CSSProperties}
    >
      <span className="stepline-block__icon" aria-hidden="true">
        {icons[row.kind]}
      </span>
      <span className="stepline-block__caption">{blockCaption(row)}</span>
      {lost && (
        <span className="stepline-block__note">
          Earlier rounds are not kept by the server ({row.round - row.roundsKept} of {row.round} missing)
        </span>
      )}
      {lostIterations && (
        <span className="stepline-block__note">
          Its iterations are not kept by the server, only the result
        </span>
      )}
    </li>
  );
});
