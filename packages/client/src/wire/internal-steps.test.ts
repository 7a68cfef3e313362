import { describe, expect, it } from 'vitest';
import { isInternalStepId } from './internal-steps';

describe('internal step ids', () => {
  it.each([
    ['mapping_content-brief_2', true],
    ['sleep_0d6f1c2e', true],
    ['sleep_until_0d6f1c2e', true],
    ['__trigger__', true],
    ['outer.mapping_inner_1', true],
    ['outer.inner.sleep_x', true],
    ['review', false],
    ['my_mapping_step', false],
    ['mapping', false],
    ['outer__x', false],
    ['mapping_outer.review', false],
  ])('%s → %s (the leaf decides)', (id, internal) => {
    expect(isInternalStepId(id)).toBe(internal);
  });
});
