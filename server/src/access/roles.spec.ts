import { describe, expect, it } from '@jest/globals';
import { denialOf, type Principal } from './roles.js';

const person = (role: 'VIEWER' | 'OWNER' | 'ADMIN', local = false): Principal => ({
  kind: 'PERSON',
  id: 'p1',
  name: 'pat',
  role,
  local,
});
const host: Principal = { kind: 'HOST', id: 'h1', name: 'web-1' };
const anonymous: Principal = { kind: 'ANONYMOUS' };

describe('denialOf', () => {
  it('ranks roles: admin over owner over viewer', () => {
    expect(denialOf('VIEWER', person('VIEWER'))).toBeNull();
    expect(denialOf('OWNER', person('VIEWER'))?.code).toBe('FORBIDDEN');
    expect(denialOf('OWNER', person('ADMIN'))).toBeNull();
    expect(denialOf('ADMIN', person('OWNER'))?.message).toMatch(
      /needs the ADMIN role; pat is OWNER/,
    );
  });

  it('keeps hosts to host operations, and people out of them', () => {
    expect(denialOf('HOST', host)).toBeNull();
    expect(denialOf('VIEWER', host)?.code).toBe('FORBIDDEN');
    expect(denialOf('HOST', person('ADMIN'))?.code).toBe('FORBIDDEN');
  });

  it('asks for credentials when none were sent, also in local mode', () => {
    expect(denialOf('VIEWER', anonymous)?.code).toBe('UNAUTHENTICATED');
    expect(denialOf('HOST', anonymous)?.code).toBe('UNAUTHENTICATED');
    expect(denialOf('HOST', person('ADMIN', true))?.code).toBe('UNAUTHENTICATED');
    expect(denialOf('PUBLIC', anonymous)).toBeNull();
  });
});
