/**
 * Every target the report states, gathered from the sections' `Target:` / `Targets:` lines into one table
 * for the top of BENCHMARKS.md and the end of `pnpm bench`'s output: one row per verdict, under the
 * section it belongs to. A target line holds one or more `label: **met**|**missed** (figure)` items,
 * separated by `; `.
 */
export interface TargetVerdict {
  readonly section: string;
  readonly target: string;
  readonly met: boolean;
}

export function collectTargets(lines: readonly string[]): TargetVerdict[] {
  const verdicts: TargetVerdict[] = [];
  let section = '';
  for (const line of lines) {
    const heading = /^#{2,3} (.*)$/.exec(line);
    if (heading) {
      section = heading[1]!;
      continue;
    }
    const body = /^Targets?(?: \([^)]*\))?: (.*)$/.exec(line);
    if (!body) continue;
    for (const item of body[1]!.split(/; (?=[^)]*(?:\(|$))/)) {
      const verdict = /\*\*(met|missed)\*\*/.exec(item);
      if (!verdict) continue;
      verdicts.push({ section, target: item.replace(/\.$/, '').trim(), met: verdict[1] === 'met' });
    }
  }
  return verdicts;
}

/** The table, with the count of targets met first. */
export function targetSummary(lines: readonly string[]): string[] {
  const verdicts = collectTargets(lines);
  const met = verdicts.filter((verdict) => verdict.met).length;
  return [
    '## Targets',
    '',
    `${met} of ${verdicts.length} met (each is stated again, with its figures, in its section below).`,
    '',
    '| section | target | |',
    '|---|---|---|',
    ...verdicts.map(
      (verdict) =>
        `| ${verdict.section} | ${verdict.target.replace(/\|/g, '\\|')} | ${verdict.met ? 'pass' : '**FAIL**'} |`,
    ),
    '',
  ];
}
