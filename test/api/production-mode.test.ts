// TESTING.md 13: with NODE_ENV=production the API tells a prober nothing about itself:
// no introspection, no "Did you mean ...?" suggestions, no stack traces; and local
// mode is off, so nothing is readable without a token.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { errorCode, startTestServer, type TestServer } from '../support/test-server.js';

const ADMIN = `flp_${randomBytes(24).toString('hex')}`;
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ NODE_ENV: 'production', FLEETLAB_ADMIN_TOKEN: ADMIN });
});
afterAll(() => server.close());

describe('production mode', () => {
  it('refuses introspection', async () => {
    const result = await server.gql('{ __schema { types { name } } }', {}, ADMIN);
    expect(result.data?.__schema).toBeUndefined();
    expect(result.errors![0]!.message).toMatch(/introspection/i);
  });

  it('gives no field suggestions', async () => {
    const result = await server.gql('{ experimentz { slug } }', {}, ADMIN);
    expect(result.errors![0]!.message).not.toMatch(/Did you mean/);
    expect(result.errors![0]!.message).toMatch(/experimentz/);
  });

  it('sends no stack traces, also for internal errors', async () => {
    const result = await server.gql('{ experiment(slug: "missing") { slug } }', {}, ADMIN);
    expect(errorCode(result)).toBe('NOT_FOUND');
    expect(JSON.stringify(result)).not.toMatch(/stacktrace|\.ts:\d+|at \w+ \(/);
  });

  it('requires a token: local mode is off', async () => {
    expect(errorCode(await server.gql('{ experiments { slug } }'))).toBe('UNAUTHENTICATED');
    expect((await server.gql('{ session { mode } }')).data?.session.mode).toBe('TOKENS');
  });
});
