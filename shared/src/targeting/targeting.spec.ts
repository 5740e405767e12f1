import { describe, it, expect } from '@jest/globals';
import { describeRule } from './targeting.js';

describe(describeRule.name, () => {
  it.each([
    [{ fact: 'rootFsType', op: 'IN', values: ['btrfs', 'xfs'] }, 'rootFsType IN (btrfs, xfs)'],
    [{ fact: 'rootFsType', op: 'NOT_IN', values: ['ext4'] }, 'rootFsType NOT IN (ext4)'],
    [{ fact: 'cpus', op: 'GTE', values: ['4'] }, 'cpus >= 4'],
    [{ fact: 'kernel', op: 'LTE', values: ['5.14.0-427.el9'] }, 'kernel <= 5.14.0-427.el9'],
    [{ fact: 'arch', op: 'EQ', values: ['x86_64'] }, 'arch = x86_64'],
    [{ fact: 'osVersion', op: 'NEQ', values: ['8'] }, 'osVersion != 8'],
  ] as const)('describes %j as %s', (rule, text) => {
    expect(describeRule({ ...rule, values: [...rule.values] })).toBe(text);
  });
});
