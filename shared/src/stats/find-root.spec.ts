import { describe, expect, it } from '@jest/globals';
import { findRoot } from './find-root.js';

describe(findRoot.name, () => {
  it('finds a root of a smooth function within the tolerance', () => {
    expect(Math.abs(findRoot((x) => x * x - 2, 0, 2, -2, 2, 1e-10) - Math.SQRT2)).toBeLessThan(
      1e-10,
    );
  });

  it('answers an end where the function is already 0', () => {
    expect(findRoot((x) => x - 1, 1, 3)).toBe(1);
    expect(findRoot((x) => x - 3, 1, 3)).toBe(3);
  });

  it('stops within the tolerance of the jump of a step function', () => {
    const root = findRoot((x) => (x < 0.37 ? 1 : -1), -5, 5, 1, -1, 1e-4);
    expect(Math.abs(root - 0.37)).toBeLessThanOrEqual(1e-4);
  });
});
