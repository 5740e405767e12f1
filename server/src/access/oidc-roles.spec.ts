import { describe, expect, it } from '@jest/globals';
import { nameFromClaims, roleFromClaim } from './oidc-roles.js';

describe('roleFromClaim', () => {
  it('reads a role or the highest of a list, in any case', () => {
    expect(roleFromClaim('owner')).toBe('OWNER');
    expect(roleFromClaim(['viewer', 'Admin'])).toBe('ADMIN');
    expect(roleFromClaim(['OWNER', 'viewer'])).toBe('OWNER');
  });

  it('gives VIEWER when the claim is missing or says nothing known', () => {
    expect(roleFromClaim(undefined)).toBe('VIEWER');
    expect(roleFromClaim(['superuser', 3])).toBe('VIEWER');
  });
});

describe('nameFromClaims', () => {
  it('prefers the username, then the email, then the subject, made safe', () => {
    expect(nameFromClaims({ preferred_username: 'olga', email: 'o@x.org', sub: '1' })).toBe('olga');
    expect(nameFromClaims({ email: 'o@x.org', sub: '1' })).toBe('o@x.org');
    expect(nameFromClaims({ preferred_username: 'Olga K', sub: '1' })).toBe('Olga_K');
  });
});
