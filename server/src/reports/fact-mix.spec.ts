import { describe, expect, it } from '@jest/globals';
import { factMix } from './fact-mix.js';
import type { EnrolledHost } from './report-queries.js';

const host = (armId: string, facts: Partial<EnrolledHost>, optedIn = true): EnrolledHost => ({
  hostId: `${armId}-${Math.random()}`,
  armId,
  optedIn,
  rootFsType: null,
  arch: null,
  reflink: null,
  osId: null,
  osVersion: null,
  ...facts,
});

describe(factMix.name, () => {
  it('counts opted-in hosts per arm for each value, unknown included', () => {
    const mix = factMix(
      [
        host('a', { rootFsType: 'xfs', reflink: 'true', osId: 'centos', osVersion: '9' }),
        host('b', { rootFsType: 'xfs', reflink: 'false', osId: 'centos', osVersion: '9' }),
        host('b', { rootFsType: 'btrfs', reflink: 'true' }),
        host('b', { rootFsType: 'ext4' }, false),
      ],
      ['a', 'b'],
    );
    expect(mix).toEqual([
      {
        fact: 'rootFsType',
        values: [
          { value: 'btrfs', hostsPerArm: [0, 1] },
          { value: 'xfs', hostsPerArm: [1, 1] },
        ],
      },
      {
        fact: 'reflink',
        values: [
          { value: 'no', hostsPerArm: [0, 1] },
          { value: 'yes', hostsPerArm: [1, 1] },
        ],
      },
      { fact: 'arch', values: [{ value: 'unknown', hostsPerArm: [1, 2] }] },
      {
        fact: 'os',
        values: [
          { value: 'centos 9', hostsPerArm: [1, 1] },
          { value: 'unknown', hostsPerArm: [0, 1] },
        ],
      },
    ]);
  });
});
