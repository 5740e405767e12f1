import { describe, it, expect } from '@jest/globals';
import type { HostFacts } from '../facts/host-facts.js';
import { firstUnmatchedRule, ruleMatches } from './rule-matches.js';
import type { TargetingOp, TargetingRule } from './targeting.js';

const host: HostFacts = {
  arch: 'x86_64',
  osVersion: '9.4',
  kernel: '5.14.0-427.el9.x86_64',
  rootFsType: 'btrfs',
  reflink: true,
  cpus: 16,
  memoryBytes: 34_359_738_368,
  labels: ['canary', 'tier=web'],
  packages: { rpm: '4.16.1.3-29.el9' },
};

const rule = (fact: string, op: TargetingOp, ...values: string[]): TargetingRule => ({
  fact,
  op,
  values,
});

describe(ruleMatches.name, () => {
  it.each([
    [rule('arch', 'EQ', 'x86_64'), true],
    [rule('arch', 'EQ', 'aarch64'), false],
    [rule('arch', 'NEQ', 'aarch64'), true],
    [rule('arch', 'NEQ', 'x86_64'), false],
    [rule('rootFsType', 'IN', 'btrfs', 'xfs'), true],
    [rule('rootFsType', 'IN', 'ext4', 'xfs'), false],
    [rule('rootFsType', 'NOT_IN', 'ext4', 'xfs'), true],
    [rule('rootFsType', 'NOT_IN', 'btrfs'), false],
    [rule('arch', 'EQ', 'X86_64'), false],
  ])('string facts: %j -> %s', (r, expected) => {
    expect(ruleMatches(r, host)).toBe(expected);
  });

  it.each([
    [rule('osVersion', 'GTE', '9'), true],
    [rule('osVersion', 'GTE', '9.10'), false],
    [rule('osVersion', 'LTE', '9.10'), true],
    [rule('osVersion', 'EQ', '9.4'), true],
    [rule('osVersion', 'NEQ', '8'), true],
    [rule('kernel', 'GTE', '5.14.0-362.el9'), true],
    [rule('kernel', 'LTE', '5.14.0-362.el9'), false],
    [rule('kernel', 'GTE', '5.14.0'), true],
    [rule('packages.rpm', 'GTE', '4.16.1.3-29.el9'), true],
    [rule('packages.rpm', 'GTE', '4.16.1.3-30.el9'), false],
    [rule('packages.rpm', 'LTE', '4.16.1.10'), true],
    [rule('packages.rpm', 'EQ', '4.16.1.3'), true],
    [rule('packages.rpm', 'IN', '4.16.1.2', '4.16.1.03'), true],
    [rule('packages.rpm', 'NOT_IN', '4.16.1.3-29.el9'), false],
  ])('version facts sort as rpm does: %j -> %s', (r, expected) => {
    expect(ruleMatches(r, host)).toBe(expected);
  });

  it.each([
    [rule('cpus', 'GTE', '16'), true],
    [rule('cpus', 'GTE', '17'), false],
    [rule('cpus', 'LTE', '16.5'), true],
    [rule('cpus', 'EQ', '16.0'), true],
    [rule('cpus', 'IN', '8', '16'), true],
    [rule('cpus', 'NOT_IN', '8', '16'), false],
    [rule('memoryBytes', 'GTE', '17179869184'), true],
  ])('number facts compare as numbers, not text: %j -> %s', (r, expected) => {
    expect(ruleMatches(r, host)).toBe(expected);
  });

  it.each([
    [rule('reflink', 'EQ', 'true'), true],
    [rule('reflink', 'EQ', 'false'), false],
    [rule('reflink', 'NEQ', 'false'), true],
  ])('boolean facts: %j -> %s', (r, expected) => {
    expect(ruleMatches(r, host)).toBe(expected);
  });

  it.each([
    [rule('labels', 'EQ', 'canary'), true],
    [rule('labels', 'IN', 'db', 'tier=web'), true],
    [rule('labels', 'IN', 'db'), false],
    [rule('labels', 'NEQ', 'db'), true],
    [rule('labels', 'NOT_IN', 'db', 'canary'), false],
    [rule('labels', 'NOT_IN', 'db', 'do-not-test'), true],
  ])('list facts match on membership: %j -> %s', (r, expected) => {
    expect(ruleMatches(r, host)).toBe(expected);
  });

  it.each([
    [rule('region', 'EQ', 'prn'), false],
    [rule('region', 'IN', 'prn', 'ash'), false],
    [rule('region', 'NEQ', 'prn'), true],
    [rule('region', 'NOT_IN', 'prn'), true],
    [rule('packages.dnf', 'GTE', '4'), false],
    [rule('packages.dnf', 'LTE', '4'), false],
  ])('a fact the host did not report matches only NEQ and NOT_IN: %j -> %s', (r, expected) => {
    expect(ruleMatches(r, host)).toBe(expected);
    expect(ruleMatches(r, {})).toBe(expected);
  });

  it('never matches an invalid rule', () => {
    expect(ruleMatches(rule('hostname', 'NEQ', 'x'), host)).toBe(false);
    expect(ruleMatches(rule('arch', 'GTE', 'a'), host)).toBe(false);
  });
});

describe(firstUnmatchedRule.name, () => {
  it('answers the first rule the host fails, or undefined', () => {
    const rules = [
      rule('arch', 'EQ', 'x86_64'),
      rule('rootFsType', 'IN', 'xfs'),
      rule('cpus', 'GTE', '64'),
    ];
    expect(firstUnmatchedRule(rules, host)).toBe(rules[1]);
    expect(firstUnmatchedRule(rules.slice(0, 1), host)).toBeUndefined();
    expect(firstUnmatchedRule([], host)).toBeUndefined();
  });
});
