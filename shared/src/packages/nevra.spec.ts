import { describe, it, expect } from '@jest/globals';
import { formatPackageNvr, parsePackageNvr, parseVersionRelease } from './nevra.js';

describe(parsePackageNvr.name, () => {
  it.each([
    ['rpm-4.16.1.3-29.el9', { name: 'rpm', version: '4.16.1.3', release: '29.el9' }],
    [
      'python3-dnf-plugin-cow-0.1-2.hs.el9',
      { name: 'python3-dnf-plugin-cow', version: '0.1', release: '2.hs.el9' },
    ],
    ['libstdc++-11.4.1-3.el9', { name: 'libstdc++', version: '11.4.1', release: '3.el9' }],
    [
      'systemd-256.7-1^git20241001.hs.el9',
      { name: 'systemd', version: '256.7', release: '1^git20241001.hs.el9' },
    ],
    ['kernel-6.12.0~rc3-1.fc42', { name: 'kernel', version: '6.12.0~rc3', release: '1.fc42' }],
  ])('parses %s', (s, expected) => {
    expect(parsePackageNvr(s)).toEqual(expected);
    expect(formatPackageNvr(expected)).toBe(s);
  });

  it.each([
    'rpm',
    'rpm-4.16.1.3',
    '-4.16-1',
    'rpm--1',
    'rpm-4.16-',
    'rpm-1:4.16-1',
    'rpm-4.16 -1',
    'dnf-plugin-cow',
    'python3-dnf-plugin-cow-el9',
    'rpm 4.16-1.el9',
    '.hidden-1-1',
    '',
  ])('rejects %j', (s) => {
    expect(parsePackageNvr(s)).toBeNull();
  });
});

describe(parseVersionRelease.name, () => {
  it('splits on the last hyphen', () => {
    expect(parseVersionRelease('4.16.1.3-29.el9')).toEqual({
      version: '4.16.1.3',
      release: '29.el9',
    });
  });

  it.each(['4.16.1.3', '-29', '4.16-', '1-2-3', '4.16/1-2'])('rejects %j', (s) => {
    expect(parseVersionRelease(s)).toBeNull();
  });
});
