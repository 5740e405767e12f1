import { describe, it, expect } from '@jest/globals';
import type { ArmDefinition } from './experiment-definition.js';
import { validateArmWeights, validateArms } from './validate-arms.js';

const baseline = (): ArmDefinition => ({ key: 'baseline', weight: 1, baseline: true });
const treatment = (overrides: Partial<ArmDefinition> = {}): ArmDefinition => ({
  key: 'treatment',
  weight: 1,
  baseline: false,
  ...overrides,
});

describe(validateArms.name, () => {
  it('accepts a baseline and treatments with their stacks', () => {
    expect(
      validateArms([
        baseline(),
        treatment({
          name: 'RPM CoW',
          packages: ['rpm-4.16.1.3-29.hs.el9'],
          repos: ['https://mirror.example/hs/'],
        }),
        treatment({ key: 'cow-2', weight: 3, packages: null, repos: null }),
      ]),
    ).toEqual([]);
  });

  it.each([
    [[]],
    [[baseline()]],
    [Array.from({ length: 11 }, (_, i) => treatment({ key: `t${i}`, baseline: i === 0 }))],
  ])('wants 2 to 10 arms', (arms) => {
    expect(validateArms(arms)).toContainEqual({
      field: 'arms',
      message: `an experiment needs 2 to 10 arms (one baseline and at least one treatment), got ${arms.length}`,
    });
  });

  it('checks arm keys and names duplicates', () => {
    expect(
      validateArms([baseline(), treatment({ key: 'Cow Arm' }), treatment({ key: 'baseline' })]),
    ).toEqual([
      {
        field: 'arms[1].key',
        message:
          'arm key "Cow Arm" is not valid: use 1-64 lowercase letters, digits and single hyphens, e.g. "baseline" or "cow"',
      },
      {
        field: 'arms[2].key',
        message: 'arm key "baseline" is used by more than one arm; give each arm its own key',
      },
    ]);
  });

  it.each([
    [0, 'weight of arm "treatment" must be a positive whole number, got 0'],
    [-1, 'weight of arm "treatment" must be a positive whole number, got -1'],
    [1.5, 'weight of arm "treatment" must be a positive whole number, got 1.5'],
    [NaN, 'weight of arm "treatment" must be a positive whole number, got NaN'],
    [
      10_001,
      'weight of arm "treatment" must be at most 10000, got 10001; weights are relative, so 1 and 3 put a quarter of the hosts in the first arm',
    ],
  ])('rejects weight %p', (weight, message) => {
    expect(validateArms([baseline(), treatment({ weight })])).toEqual([
      { field: 'arms[1].weight', message },
    ]);
  });

  it('wants exactly one baseline and says how many were marked', () => {
    expect(validateArms([treatment({ key: 'a' }), treatment({ key: 'b' })])).toEqual([
      {
        field: 'arms',
        message:
          'exactly one arm must be the baseline (the stock stack the others are compared with), but none is marked: set baseline: true on one arm',
      },
    ]);
    expect(validateArms([baseline(), treatment({ baseline: true })])).toEqual([
      {
        field: 'arms',
        message:
          'exactly one arm must be the baseline (the stock stack the others are compared with), but 2 are marked ("baseline", "treatment"): keep baseline: true on one of them only',
      },
    ]);
  });

  it('wants packages as name-version-release, each once', () => {
    const arms = [
      baseline(),
      treatment({ packages: ['rpm-4.16.1.3-29.el9', 'dnf-plugin-cow', 'rpm-4.16.1.3-30.el9'] }),
    ];
    expect(validateArms(arms)).toEqual([
      {
        field: 'arms[1].packages[1]',
        message:
          'package "dnf-plugin-cow" of arm "treatment" is not name-version-release, e.g. "rpm-4.16.1.3-29.el9"',
      },
      {
        field: 'arms[1].packages[2]',
        message:
          'package "rpm" is listed twice in arm "treatment"; list each package once, with the version-release the arm runs',
      },
    ]);
  });

  it('wants repos as short non-empty strings', () => {
    const arms = [
      baseline(),
      treatment({ repos: ['hs-experimental', '', 'x'.repeat(501), 'a\u0000b'] }),
    ];
    expect(validateArms(arms).map((p) => p.field)).toEqual([
      'arms[1].repos[1]',
      'arms[1].repos[2]',
      'arms[1].repos[3]',
    ]);
  });

  it('checks the display name', () => {
    expect(validateArms([baseline(), treatment({ name: 'x'.repeat(201) })])).toEqual([
      {
        field: 'arms[1].name',
        message: 'name of arm "treatment" must be one line of at most 200 characters',
      },
    ]);
  });
});

describe(validateArmWeights.name, () => {
  const arms = [
    { key: 'baseline', weight: 1 },
    { key: 'cow', weight: 1 },
  ];

  it('accepts new weights for some or all arms', () => {
    expect(validateArmWeights(arms, [{ key: 'cow', weight: 3 }])).toEqual([]);
    expect(
      validateArmWeights(arms, [
        { key: 'baseline', weight: 9 },
        { key: 'cow', weight: 1 },
      ]),
    ).toEqual([]);
  });

  it('names unknown arms, duplicates and bad weights', () => {
    expect(
      validateArmWeights(arms, [
        { key: 'treatment', weight: 1 },
        { key: 'cow', weight: 2 },
        { key: 'cow', weight: 0 },
      ]),
    ).toEqual([
      {
        field: 'weights[0].key',
        message: '"treatment" is not an arm of this experiment; its arms are baseline, cow',
      },
      {
        field: 'weights[2].key',
        message: 'arm "cow" is given more than once; give each arm one weight',
      },
      {
        field: 'weights[2].weight',
        message: 'weight of arm "cow" must be a positive whole number, got 0',
      },
    ]);
  });

  it('wants at least one weight', () => {
    expect(validateArmWeights(arms, [])).toEqual([
      { field: 'weights', message: 'give the new weight of at least one arm' },
    ]);
  });
});
