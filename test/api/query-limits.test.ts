import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { errorCode, startTestServer, type TestServer } from '../support/test-server.js';

// Query bombs are refused before anything runs, with a status and a message that say
// which limit was hit.
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('query limits over HTTP', () => {
  it('refuse a deep query with 400 and the limit', async () => {
    let inner = 'id';
    for (let i = 0; i < 8; i++) inner = `enrollments { host { ${inner} } }`;
    const response = await server.gql(
      `{ host(id: "00000000-0000-0000-0000-000000000000") { ${inner} } }`,
    );
    expect(response.status).toBe(400);
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.extensions).toMatchObject({ reason: 'QUERY_TOO_DEEP', limit: 10 });
    expect(response.data).toBeUndefined();
  });

  it('refuse an alias bomb and a costly page', async () => {
    const aliases = Array.from({ length: 200 }, (_, i) => `m${i}: metrics { key }`).join(' ');
    const bomb = await server.gql(`{ ${aliases} }`);
    expect(bomb.errors![0]!.extensions).toMatchObject({ reason: 'TOO_MANY_ALIASES' });
    const costly = await server.gql(
      `query($first: Int) { hosts(first: $first) { nodes { enrollments { experiment { arms { key } metrics { metric } } } } } }`,
      { first: 500 },
    );
    expect(costly.errors![0]!.extensions).toMatchObject({ reason: 'QUERY_TOO_COSTLY' });
  });

  it('answer ordinary queries', async () => {
    const response = await server.gql(`{ metrics { key } experiments { slug arms { key } } }`);
    expect(response.errors).toBeUndefined();
  });

  it('keep batching off: a list of operations is refused', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ metrics { key } }' }, { query: '{ metrics { key } }' }]),
    });
    expect(response.status).toBe(400);
  });
});
