/** A census of chunk types (from `countChunkTypes`) as one line: `type count`, most frequent first. */
export function formatCensus(types: Record<string, number>): string {
  return Object.entries(types)
    .sort((a, b) => b[1] - a[1])
    .map(([type, count]) => `${type.replace(/^workflow-/, '')} ${count.toLocaleString('en-US')}`)
    .join(', ');
}
