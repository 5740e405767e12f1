import { badInput } from '../common/graphql-errors.js';

/**
 * The value of the cookie `name` in a Cookie header, or undefined. A value that is not
 * valid URL encoding (`%E0%A4%A`) was not set by this server: refused as bad input.
 * Pure.
 */
export function cookieValue(
  header: string | string[] | undefined,
  name: string,
): string | undefined {
  const value = Array.isArray(header) ? header.join('; ') : header;
  if (!value) return undefined;
  for (const part of value.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join('=')) || undefined;
    } catch {
      throw badInput(
        `The ${name} cookie is not valid URL encoding; sign out (or delete the cookie) and sign in again.`,
        { field: name, reason: 'MALFORMED_COOKIE' },
      );
    }
  }
  return undefined;
}
