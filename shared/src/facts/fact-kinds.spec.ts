import { describe, it, expect } from '@jest/globals';
import { FACT_KINDS, factKind, factValue } from './fact-kinds.js';
import { FACT_KEYS, type HostFacts } from './host-facts.js';

const facts: HostFacts = {
  arch: 'x86_64',
  cpus: 8,
  reflink: false,
  labels: ['web'],
  packages: { rpm: '4.16.1.3-29.el9' },
};

describe(factKind.name, () => {
  it('knows every fact but the package map itself', () => {
    expect(Object.keys(FACT_KINDS).sort()).toEqual(
      FACT_KEYS.filter((key) => key !== 'packages').sort(),
    );
  });

  it.each([
    ['arch', 'string'],
    ['osVersion', 'version'],
    ['kernel', 'version'],
    ['packages.rpm', 'version'],
    ['packages.python3-dnf-plugin-cow', 'version'],
    ['cpus', 'number'],
    ['memoryBytes', 'number'],
    ['reflink', 'boolean'],
    ['labels', 'list'],
    ['region', 'string'],
  ])('%s is a %s fact', (fact, kind) => {
    expect(factKind(fact)).toBe(kind);
  });

  it.each(['packages', 'packages.', 'packages.bad name', 'hostname', 'constructor', 'toString'])(
    '%j is not a fact',
    (fact) => {
      expect(factKind(fact)).toBeUndefined();
    },
  );
});

describe(factValue.name, () => {
  it('reads plain facts and single packages', () => {
    expect(factValue(facts, 'arch')).toBe('x86_64');
    expect(factValue(facts, 'cpus')).toBe(8);
    expect(factValue(facts, 'reflink')).toBe(false);
    expect(factValue(facts, 'labels')).toEqual(['web']);
    expect(factValue(facts, 'packages.rpm')).toBe('4.16.1.3-29.el9');
  });

  it('answers undefined for what the host did not report or is no fact', () => {
    expect(factValue(facts, 'region')).toBeUndefined();
    expect(factValue(facts, 'packages.dnf')).toBeUndefined();
    expect(factValue(facts, 'packages.constructor')).toBeUndefined();
    expect(factValue(facts, 'packages')).toBeUndefined();
    expect(factValue(facts, 'constructor')).toBeUndefined();
    expect(factValue({}, 'packages.rpm')).toBeUndefined();
  });
});
