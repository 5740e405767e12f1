import { describe, it, expect } from '@jest/globals';
import { slugProblem } from './slug.js';

describe(slugProblem.name, () => {
  it.each(['rpm-cow', 'ab', 'systemd-256-backport', 'a'.repeat(64)])('accepts %s', (slug) => {
    expect(slugProblem(slug, 'change')).toBeNull();
  });

  it.each([
    'a',
    'a'.repeat(65),
    'Bad Slug',
    'rpm--cow',
    '-rpm',
    'rpm-',
    'rpm_cow',
    'rpm.cow',
    'ŕpm',
    '',
  ])('rejects %j', (slug) => {
    expect(slugProblem(slug, 'change')).toMatch(
      /^change slug ".*"…? is not valid: use 2-64 lowercase/,
    );
  });

  it('names what was wrong and shows an example', () => {
    expect(slugProblem('Bad Slug', 'change')).toBe(
      'change slug "Bad Slug" is not valid: use 2-64 lowercase letters, digits and single hyphens, e.g. "rpm-cow"',
    );
  });

  it('does not echo a huge value in full', () => {
    expect(slugProblem('X'.repeat(10_000), 'experiment')!.length).toBeLessThan(200);
  });
});
