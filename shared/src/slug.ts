import { describeValue } from './describe-value.js';

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const MIN_SLUG_LENGTH = 2;
const MAX_SLUG_LENGTH = 64;

// Slugs end up in URLs, report file names and wiki links, so they stay boring.
export function slugProblem(value: string, what: string): string | null {
  if (
    typeof value === 'string' &&
    value.length >= MIN_SLUG_LENGTH &&
    value.length <= MAX_SLUG_LENGTH &&
    SLUG_PATTERN.test(value)
  ) {
    return null;
  }
  return (
    `${what} slug ${describeValue(value)} is not valid: use ${MIN_SLUG_LENGTH}-${MAX_SLUG_LENGTH} ` +
    `lowercase letters, digits and single hyphens, e.g. "rpm-cow"`
  );
}
