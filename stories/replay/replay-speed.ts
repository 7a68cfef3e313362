/**
 * The replay speed, set from Storybook's toolbar (the `speed` global) and read by every replay clock. A
 * change applies at once, also to streams already replaying.
 */

export type ReplaySpeed = '0.25' | '1' | '4' | 'instant';

export const replaySpeeds: readonly { readonly value: ReplaySpeed; readonly title: string }[] = [
  { value: '0.25', title: '0.25× (slow motion)' },
  { value: '1', title: '1× (as recorded)' },
  { value: '4', title: '4×' },
  { value: 'instant', title: 'Instant' },
];

let current: ReplaySpeed = '1';
const listeners = new Set<() => void>();

export function isReplaySpeed(value: unknown): value is ReplaySpeed {
  return replaySpeeds.some((speed) => speed.value === value);
}

export function getReplaySpeed(): ReplaySpeed {
  return current;
}

/** Recorded milliseconds per real millisecond; `Infinity` for instant. */
export function speedFactor(speed: ReplaySpeed = current): number {
  return speed === 'instant' ? Number.POSITIVE_INFINITY : Number(speed);
}

export function setReplaySpeed(speed: ReplaySpeed): void {
  if (speed === current) return;
  current = speed;
  for (const listener of [...listeners]) listener();
}

export function onReplaySpeedChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
