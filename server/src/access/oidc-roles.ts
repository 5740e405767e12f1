import { ROLES, type Role } from './roles.js';

/**
 * The role an OIDC identity gets from its role claim: a string or a list of
 * strings (viewer, owner, admin, in any case); the highest one wins. No claim, or
 * none of those values: VIEWER. Pure.
 */
export function roleFromClaim(claim: unknown): Role {
  const values = (Array.isArray(claim) ? claim : [claim])
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.trim().toUpperCase());
  return [...ROLES].reverse().find((role) => values.includes(role)) ?? 'VIEWER';
}

/** Names of people the server makes itself; an OIDC identity never gets one. */
export const RESERVED_NAMES = ['admin', 'local-admin'];

/** A person's name from ID token claims: preferred_username, then email, then sub. */
export function nameFromClaims(claims: Record<string, unknown>): string {
  for (const key of ['preferred_username', 'email', 'sub']) {
    const value = claims[key];
    if (typeof value === 'string' && value.trim() !== '')
      return value
        .trim()
        .replace(/[^A-Za-z0-9._@-]/g, '_')
        .slice(0, 100);
  }
  return 'oidc-user';
}
