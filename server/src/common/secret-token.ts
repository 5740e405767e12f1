import { createHash, randomBytes } from 'node:crypto';

/**
 * Tokens and enroll secrets carry 256 random bits, so a plain SHA-256 is a safe
 * way to store them: there is nothing to brute-force, and lookups stay indexed.
 */
export function newSecretToken(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
