import { describe, expect, it } from '@jest/globals';
import { stackMatches } from './stack-match.js';

describe(stackMatches.name, () => {
  const cow = ['rpm-4.16.1.3-34.hs.el9', 'rpm-plugin-reflink-4.16.1.3-34.hs.el9'];

  it('matches a host that runs every package at its version-release', () => {
    expect(
      stackMatches(cow, {
        rpm: '4.16.1.3-34.hs.el9',
        'rpm-plugin-reflink': '4.16.1.3-34.hs.el9',
        dnf: '4.14.0-9.el9',
      }),
    ).toBe(true);
  });

  it('does not match a host on another version or missing a package', () => {
    expect(
      stackMatches(cow, { rpm: '4.16.1.3-34.el9', 'rpm-plugin-reflink': '4.16.1.3-34.hs.el9' }),
    ).toBe(false);
    expect(stackMatches(cow, { rpm: '4.16.1.3-34.hs.el9' })).toBe(false);
  });

  it('does not know when the host reported none of the packages', () => {
    expect(stackMatches(cow, { dnf: '4.14.0-9.el9' })).toBeUndefined();
    expect(stackMatches(cow, undefined)).toBeUndefined();
  });

  it('matches every host for an arm without packages', () => {
    expect(stackMatches([], undefined)).toBe(true);
  });
});
