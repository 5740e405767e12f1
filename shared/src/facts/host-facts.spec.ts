import { describe, it, expect } from '@jest/globals';
import { FACT_KEYS, validateHostFacts } from './host-facts.js';

const GOOD = {
  arch: 'x86_64',
  osId: 'centos',
  osVersion: '9',
  kernel: '5.14.0-427.el9.x86_64',
  rootFsType: 'btrfs',
  reflink: true,
  cpus: 16,
  memoryBytes: 68_719_476_736,
  region: 'prn',
  labels: ['tier=web', 'canary'],
  packages: { rpm: '4.16.1.3-29.el9', 'python3-dnf-plugin-cow': '0.1-2.hs.el9' },
};

const problemsOf = (input: unknown) => validateHostFacts(input).problems;

describe(validateHostFacts.name, () => {
  it('accepts a complete set of facts and sorts the labels', () => {
    const { facts, problems } = validateHostFacts(GOOD);
    expect(problems).toEqual([]);
    expect(facts).toEqual({ ...GOOD, labels: ['canary', 'tier=web'] });
    expect(FACT_KEYS).toHaveLength(11);
    expect(Object.keys(GOOD).sort()).toEqual([...FACT_KEYS].sort());
  });

  it('accepts no facts at all, and treats null as unknown', () => {
    expect(validateHostFacts({})).toEqual({ facts: {}, problems: [] });
    expect(validateHostFacts({ region: null, arch: 'aarch64' })).toEqual({
      facts: { arch: 'aarch64' },
      problems: [],
    });
  });

  it.each([null, 'x86_64', [GOOD], 42])('rejects %p as not an object', (input) => {
    expect(problemsOf(input)).toEqual([
      { field: 'facts', message: expect.stringMatching(/^facts must be an object/) },
    ]);
  });

  it('names an unknown fact and lists the known ones', () => {
    expect(problemsOf({ hostname: 'web1' })).toEqual([
      {
        field: 'facts.hostname',
        message:
          'unknown fact "hostname"; known facts are arch, osId, osVersion, kernel, rootFsType, reflink, cpus, memoryBytes, region, labels, packages',
      },
    ]);
  });

  it.each([
    ['arch', '', 'facts.arch must not be empty'],
    ['arch', '   ', 'facts.arch must not be empty'],
    ['arch', 64, 'facts.arch must be text, got 64'],
    ['region', 'x'.repeat(257), 'facts.region is 257 characters long; at most 256 are allowed'],
    ['kernel', '5.14\u0000', 'facts.kernel must not contain NUL or other control characters'],
    ['osId', 'centos\n', 'facts.osId must not contain NUL or other control characters'],
    ['cpus', 0, 'cpus must be a whole number from 1 to 100000, got 0'],
    ['cpus', 2.5, 'cpus must be a whole number from 1 to 100000, got 2.5'],
    ['cpus', '8', 'cpus must be a whole number from 1 to 100000, got "8"'],
    ['cpus', 100_001, 'cpus must be a whole number from 1 to 100000, got 100001'],
    [
      'memoryBytes',
      -1,
      'memoryBytes must be a whole number of bytes from 0 to 9007199254740991, got -1',
    ],
    [
      'memoryBytes',
      2 ** 53,
      'memoryBytes must be a whole number of bytes from 0 to 9007199254740991, got 9007199254740992',
    ],
    ['reflink', 'yes', 'reflink must be true or false, got "yes"'],
    ['labels', 'a,b', 'labels must be a list of strings, got "a,b"'],
    [
      'packages',
      ['rpm'],
      'packages must be an object of name to version-release, e.g. {"rpm": "4.16.1.3-29.el9"}, got a list',
    ],
  ])('rejects %s = %j', (key, value, message) => {
    const { facts, problems } = validateHostFacts({ arch: 'x86_64', [key]: value });
    expect(problems).toEqual([{ field: `facts.${key}`, message }]);
    expect(facts).toEqual(key === 'arch' ? {} : { arch: 'x86_64' });
  });

  it('keeps the valid labels, de-duplicated, and points at each bad one', () => {
    const { facts, problems } = validateHostFacts({
      labels: ['web', 'web', 'bad label', '-x', 7, 'a:b/c=d'],
    });
    expect(facts.labels).toEqual(['a:b/c=d', 'web']);
    expect(problems.map((p) => p.field)).toEqual([
      'facts.labels[2]',
      'facts.labels[3]',
      'facts.labels[4]',
    ]);
    expect(problems[0]!.message).toMatch(/^label "bad label" is not valid: use 1-63 letters/);
  });

  it('limits labels and packages', () => {
    const labels = Array.from({ length: 65 }, (_, i) => `l${i}`);
    expect(problemsOf({ labels })).toEqual([
      { field: 'facts.labels', message: 'a host may have at most 64 labels, got 65' },
    ]);
    expect(problemsOf({ labels: ['x'.repeat(64)] })).toHaveLength(1);
    const packages = Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`p${i}`, '1-1']));
    expect(problemsOf({ packages })).toEqual([
      { field: 'facts.packages', message: 'report at most 500 packages, got 501' },
    ]);
  });

  it('checks package names and versions one by one', () => {
    const { facts, problems } = validateHostFacts({
      packages: { rpm: '4.16.1.3', 'dnf plugin': '1-1', constructor: '1.0-1', dnf: 4 },
    });
    expect(facts.packages).toEqual({ constructor: '1.0-1' });
    expect(problems).toEqual([
      {
        field: 'facts.packages.rpm',
        message:
          'version of package "rpm" must be version-release, e.g. "4.16.1.3-29.el9", got "4.16.1.3"',
      },
      {
        field: 'facts.packages.dnf plugin',
        message:
          'package name "dnf plugin" is not a valid rpm name (letters, digits and _ . + -, starting with a letter or digit)',
      },
      {
        field: 'facts.packages.dnf',
        message: 'version of package "dnf" must be version-release, e.g. "4.16.1.3-29.el9", got 4',
      },
    ]);
  });

  it('does not let a JSON "__proto__" key through', () => {
    const input: unknown = JSON.parse(
      '{"__proto__": {"arch": "evil"}, "packages": {"__proto__": "1-1"}}',
    );
    const { facts, problems } = validateHostFacts(input);
    expect(problems.map((p) => p.field)).toEqual(['facts.__proto__', 'facts.packages.__proto__']);
    expect(facts.arch).toBeUndefined();
    expect(facts.packages).toEqual({});
  });
});
