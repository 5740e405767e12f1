import { describe, expect, it } from '@jest/globals';
import { armInputs, armsReducer, FIRST_ARMS, type ArmRow } from './arms.js';

const arm = (key: string, baseline = false): ArmRow => ({
  key,
  weight: '1',
  packages: '',
  baseline,
});
const baselineOf = (arms: ArmRow[]) => arms.filter((a) => a.baseline).map((a) => a.key);

describe(armsReducer.name, () => {
  const arms = [arm('a'), arm('b'), arm('stock', true), arm('d')];

  it('keeps the baseline on the same arm when an arm before it is removed', () => {
    const left = armsReducer(arms, { type: 'remove', index: 0 });
    expect(left.map((a) => a.key)).toEqual(['b', 'stock', 'd']);
    expect(baselineOf(left)).toEqual(['stock']);
    expect(armInputs(left).find((a) => a.baseline)?.key).toBe('stock');
  });

  it('keeps the baseline on the last arm when an arm before it is removed', () => {
    // As a position, the baseline would then point past the end.
    const last = [arm('a'), arm('b'), arm('stock', true)];
    expect(baselineOf(armsReducer(last, { type: 'remove', index: 0 }))).toEqual(['stock']);
  });

  it('keeps the baseline when an arm after it is removed', () => {
    expect(baselineOf(armsReducer(arms, { type: 'remove', index: 3 }))).toEqual(['stock']);
  });

  it('makes the first arm left the baseline when the baseline itself is removed', () => {
    expect(baselineOf(armsReducer(arms, { type: 'remove', index: 2 }))).toEqual(['a']);
  });

  it('moves the baseline to the chosen arm, leaving exactly one', () => {
    expect(baselineOf(armsReducer(arms, { type: 'choose-baseline', index: 3 }))).toEqual(['d']);
  });

  it('adds a treatment under a key no arm has, also after removals', () => {
    const [first, second] = FIRST_ARMS;
    const three = armsReducer(FIRST_ARMS, { type: 'add' });
    expect(three.map((a) => a.key)).toEqual([first!.key, second!.key, 'treatment-2']);
    const afterRemoval = armsReducer(armsReducer(three, { type: 'remove', index: 1 }), {
      type: 'add',
    });
    expect(afterRemoval.map((a) => a.key)).toEqual(['baseline', 'treatment-2', 'treatment-3']);
  });

  it('edits one field of one arm', () => {
    const edited = armsReducer(arms, { type: 'edit', index: 1, field: 'weight', value: '3' });
    expect(edited[1]).toEqual({ ...arms[1], weight: '3' });
    expect(edited.filter((a, i) => a !== arms[i])).toHaveLength(1);
  });
});

describe(armInputs.name, () => {
  it('trims keys, reads weights and splits packages on commas and spaces', () => {
    expect(
      armInputs([
        {
          key: ' stock ',
          weight: '2',
          packages: 'rpm-4.16-1.el9, dnf-4.14-1.el9  x-1-1',
          baseline: true,
        },
      ]),
    ).toEqual([
      {
        key: 'stock',
        weight: 2,
        baseline: true,
        packages: ['rpm-4.16-1.el9', 'dnf-4.14-1.el9', 'x-1-1'],
      },
    ]);
  });
});
