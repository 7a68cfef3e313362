/**
 * Where a step id's last `.` is (-1 for none): the id's leaf, its name, starts after it
 * (`alpha-flow.draft` -> `draft`). Asked for every step event, so `indexOf` first: most ids have no dot,
 * and `indexOf` answers that inside the builtin, where `lastIndexOf` is a call into V8's runtime (about
 * 400 instructions).
 *
 * @example
 * lastDot('review'); // -1
 * lastDot('editorial-round.review'); // 15
 */
export function lastDot(stepId: string): number {
  return stepId.indexOf('.') === -1 ? -1 : stepId.lastIndexOf('.');
}
