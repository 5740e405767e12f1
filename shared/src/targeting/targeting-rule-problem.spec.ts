import { describe, it, expect } from '@jest/globals';
import type { TargetingRule } from './targeting.js';
import { targetingRuleProblem } from './targeting-rule-problem.js';

const rule = (fact: string, op: string, values: unknown[]): TargetingRule =>
  ({ fact, op, values }) as TargetingRule;

describe(targetingRuleProblem.name, () => {
  it.each([
    rule('rootFsType', 'IN', ['btrfs', 'xfs']),
    rule('arch', 'EQ', ['x86_64']),
    rule('cpus', 'GTE', ['4']),
    rule('memoryBytes', 'LTE', ['68719476736']),
    rule('osVersion', 'GTE', ['9.2']),
    rule('packages.rpm', 'GTE', ['4.16.1.3-29.el9']),
    rule('reflink', 'EQ', ['true']),
    rule('labels', 'NOT_IN', ['do-not-test', 'db']),
    rule(
      'region',
      'IN',
      Array.from({ length: 1000 }, (_, i) => `r${i}`),
    ),
  ])('accepts %j', (r) => {
    expect(targetingRuleProblem(r, 'targeting[0]')).toBeNull();
  });

  it('names an unknown fact and lists the known ones', () => {
    expect(targetingRuleProblem(rule('hostname', 'EQ', ['web1']), 'targeting[2]')).toEqual({
      field: 'targeting[2].fact',
      message:
        'unknown fact "hostname"; known facts are arch, osId, osVersion, kernel, rootFsType, reflink, cpus, memoryBytes, region, labels and packages.<name> (e.g. packages.rpm)',
    });
  });

  it.each([
    [
      rule('packages', 'EQ', ['x']),
      'target one package at a time as packages.<name>, e.g. packages.rpm',
    ],
    [
      rule('packages.bad name', 'EQ', ['1']),
      '"bad name" is not a valid rpm package name; use packages.<name>, e.g. packages.rpm',
    ],
  ])('explains how to target a package (%j)', (r, message) => {
    expect(targetingRuleProblem(r, 'targeting[0]')).toEqual({
      field: 'targeting[0].fact',
      message,
    });
  });

  it.each([
    [
      rule('arch', 'LIKE', ['x86%']),
      'targeting[0].op',
      'unknown operator "LIKE"; use one of EQ, NEQ, IN, NOT_IN, GTE, LTE',
    ],
    [
      rule('arch', 'GTE', ['x86_64']),
      'targeting[0].op',
      'GTE compares numbers and versions, but arch is a string fact; use EQ, NEQ, IN or NOT_IN',
    ],
    [
      rule('labels', 'LTE', ['a']),
      'targeting[0].op',
      'LTE compares numbers and versions, but labels is a list fact; use EQ, NEQ, IN or NOT_IN',
    ],
    [
      rule('reflink', 'GTE', ['true']),
      'targeting[0].op',
      'GTE compares numbers and versions, but reflink is a boolean fact; use EQ, NEQ, IN or NOT_IN',
    ],
    [
      rule('arch', 'EQ', ['x86_64', 'aarch64']),
      'targeting[0].values',
      'EQ needs exactly one value, got 2; use IN to match any of several values',
    ],
    [
      rule('arch', 'NEQ', []),
      'targeting[0].values',
      'NEQ needs exactly one value, got 0; use NOT_IN to exclude several values',
    ],
    [rule('cpus', 'GTE', ['4', '8']), 'targeting[0].values', 'GTE needs exactly one value, got 2'],
    [rule('arch', 'IN', []), 'targeting[0].values', 'IN needs at least one value'],
    [
      rule(
        'arch',
        'NOT_IN',
        Array.from({ length: 1001 }, () => 'x'),
      ),
      'targeting[0].values',
      'NOT_IN takes at most 1000 values, got 1001',
    ],
    [
      rule('cpus', 'GTE', ['four']),
      'targeting[0].values[0]',
      'cpus is a number; "four" is not a plain number such as 4 or 1.5',
    ],
    [
      rule('cpus', 'IN', ['4', '1e3']),
      'targeting[0].values[1]',
      'cpus is a number; "1e3" is not a plain number such as 4 or 1.5',
    ],
    [
      rule('reflink', 'EQ', ['yes']),
      'targeting[0].values[0]',
      'reflink is true or false; use "true" or "false", not "yes"',
    ],
    [
      rule('arch', 'IN', ['x86_64', '']),
      'targeting[0].values[1]',
      'values must be non-empty text, got ""',
    ],
    [
      rule('arch', 'EQ', ['x86\u0000']),
      'targeting[0].values[0]',
      'values must not contain NUL or other control characters',
    ],
    [
      rule('arch', 'EQ', ['x'.repeat(257)]),
      'targeting[0].values[0]',
      'a value may be at most 256 characters long, got 257',
    ],
  ])('rejects %j', (r, field, message) => {
    expect(targetingRuleProblem(r, 'targeting[0]')).toEqual({ field, message });
  });
});
