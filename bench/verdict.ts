/**
 * A target's verdict with its figure, as the report prints it: `**met** (0.41)`. The figure gets as many
 * decimals as it takes to fall on the same side of the target as the verdict: a ratio of 0.398 against
 * "at least 0.4" prints `**missed** (0.398)`, not a `(0.40)` that reads as met.
 */
export function verdictAtLeast(value: number, target: number, suffix = ''): string {
  return verdict(value, (figure) => figure >= target, suffix);
}

/** The same for a ceiling: `**met** (1.49x)` against "at most 1.5". */
export function verdictAtMost(value: number, target: number, suffix = ''): string {
  return verdict(value, (figure) => figure <= target, suffix);
}

/** `value` with two decimals, or more where two would show it on the other side of `target`. */
export function figureAgainst(value: number, meets: (figure: number) => boolean, digits = 2): string {
  const met = meets(value);
  let shown = digits;
  while (shown < 8 && meets(Number(value.toFixed(shown))) !== met) shown++;
  return value.toFixed(shown);
}

function verdict(value: number, meets: (figure: number) => boolean, suffix: string) {
  return `**${meets(value) ? 'met' : 'missed'}** (${figureAgainst(value, meets)}${suffix})`;
}
