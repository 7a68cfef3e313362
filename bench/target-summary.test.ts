import { describe, expect, it } from 'vitest';
import { collectTargets, targetSummary } from './target-summary.ts';

describe('collectTargets', () => {
  it('gathers every verdict under its section, several per line, and ignores items without one', () => {
    const lines = [
      '## Ingest',
      'Targets: (d) at least 0.6 of the floor (median; per round): **met** (0.61); faster than (b)+(c): **missed** (0.9x).',
      '### Flood',
      'Target: at most one commit per frame: **met** (0.89 commits per frame; up to 1).',
      'Targets (issue 15): no long task: **missed** (3, longest 80 ms); the page keeps drawing frames: 29 frames/s.',
      'A line that mentions **met** without being a target.',
    ];
    expect(collectTargets(lines)).toEqual([
      {
        section: 'Ingest',
        target: '(d) at least 0.6 of the floor (median; per round): **met** (0.61)',
        met: true,
      },
      { section: 'Ingest', target: 'faster than (b)+(c): **missed** (0.9x)', met: false },
      {
        section: 'Flood',
        target: 'at most one commit per frame: **met** (0.89 commits per frame; up to 1)',
        met: true,
      },
      { section: 'Flood', target: 'no long task: **missed** (3, longest 80 ms)', met: false },
    ]);
  });

  it('heads the table with how many were met', () => {
    expect(targetSummary(['## A', 'Target: x: **met** (1).', 'Target: y: **missed** (2).'])[2]).toBe(
      '1 of 2 met (each is stated again, with its figures, in its section below).',
    );
  });
});
