import { describe, expect, it } from '@jest/globals';
import { holm } from './holm.js';

describe(holm.name, () => {
  it('multiplies the smallest p by n, the next by n − 1, and keeps them monotone', () => {
    expect(holm([0.01, 0.04, 0.03])).toEqual([0.03, 0.06, 0.06]);
  });

  it('caps at 1', () => {
    expect(holm([0.6, 0.7])).toEqual([1, 1]);
  });

  it('keeps NaN where it was and does not count it', () => {
    expect(holm([0.01, NaN, 0.02])).toEqual([0.02, NaN, 0.02]);
  });

  it('leaves a single p-value and an empty list as they are', () => {
    expect(holm([0.003])).toEqual([0.003]);
    expect(holm([])).toEqual([]);
  });
});
