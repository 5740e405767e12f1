import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
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

  it('charge hosts without first as the default page of 50 it answers', async () => {
    const nested = `enrollments { experiment { arms { key hosts packages } metrics { metric definition { title } } } }`;
    const costly = await server.gql(`{ hosts { nodes { ${nested} } } }`);
    expect(costly.status).toBe(400);
    expect(costly.errors![0]!.extensions).toMatchObject({ reason: 'QUERY_TOO_COSTLY' });
    expect(
      (await server.gql(`{ hosts(first: 1) { nodes { ${nested} } } }`)).errors,
    ).toBeUndefined();
  });

  it('refuse a 1 KB query whose fragments double 25 times, by its node count', async () => {
    let query = `query { metrics { ...F25 } } fragment F0 on Metric { key }`;
    for (let i = 1; i <= 25; i++)
      query += ` fragment F${i} on Metric { ...F${i - 1} ...F${i - 1} }`;
    const response = await server.gql(query);
    expect(response.status).toBe(400);
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.extensions).toMatchObject({ reason: 'TOO_MANY_NODES' });
    expect(response.data).toBeUndefined();
  });

  it('keep refusing a costly query when doubling fragments are added to it', async () => {
    const costly = `hosts(first: 500) { nodes { enrollments { experiment { arms { key } metrics { metric } } } } }`;
    let padded = `query { ${costly} metrics { ...F15 } } fragment F0 on Metric { key }`;
    for (let i = 1; i <= 15; i++)
      padded += ` fragment F${i} on Metric { ...F${i - 1} ...F${i - 1} }`;
    const response = await server.gql(padded);
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.data).toBeUndefined();
  });

  it('refuse a variable of the wrong type before anything runs, naming it', async () => {
    const response = await server.gql(
      `query($first: Int) { hosts(first: $first) { totalCount } }`,
      {
        first: 'all',
      },
    );
    expect(response.status).toBe(400);
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.message).toMatch(/\$first/);
  });

  it('stop parsing a long document at the token limit', async () => {
    const fields = 'key '.repeat(100_000);
    const response = await server.gql(`{ metrics { ${fields} } }`);
    expect(response.status).toBe(400);
    expect(response.errors![0]!.message).toMatch(/2000 tokens/);
    const nested = `{ ${'metrics { '.repeat(20_000)} key ${'} '.repeat(20_000)} }`;
    expect((await server.gql(nested)).status).toBe(400);
  });

  it('refuse a body whose shape would hold the server up while it is parsed, before parsing it', async () => {
    const post = (body: string) =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    const query = JSON.stringify('query($f: JSON!) { metrics { key } }');
    for (const variables of [
      '['.repeat(900_000) + ']'.repeat(900_000),
      `{${Array.from({ length: 60_000 }, (_, i) => `"k${i}":1`).join(',')}}`,
      `[${Array(400_000).fill('{}').join(',')}]`,
    ]) {
      const response = await post(`{"query":${query},"variables":{"f":${variables}}}`);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { errors: { message: string }[] };
      expect(body.errors[0]!.message).toMatch(/The request body (nests|has)/);
    }
    const malformed = await post('{"query": ');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { errors: unknown[] }).errors).toHaveLength(1);
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

describe('operations over WebSocket', () => {
  /** The first answer to `query` over graphql-ws: its errors, or its data. */
  function over(query: string): Promise<{ errors?: { message: string; extensions?: object }[] }> {
    const client = createClient({
      url: server.url.replace(/^http/, 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: true,
    });
    return new Promise((resolve, reject) => {
      const dispose = client.subscribe(
        { query },
        {
          next: (value) => {
            dispose();
            void client.dispose();
            resolve(value as { errors?: { message: string }[] });
          },
          error: (error) => {
            void client.dispose();
            if (Array.isArray(error)) resolve({ errors: error as { message: string }[] });
            else reject(error instanceof Error ? error : new Error(String(error)));
          },
          complete: () => void client.dispose(),
        },
      );
    });
  }

  it('take only subscriptions: queries and mutations go over HTTP', async () => {
    const answer = await over('{ metrics { key } }');
    expect(answer.errors?.[0]?.message).toMatch(/Only subscriptions/);
  });

  it('are checked like those over HTTP: fragment bombs and long documents are refused', async () => {
    let bomb = `subscription { experimentUpdated(slug: "x") { ...F20 } } fragment F0 on ExperimentUpdate { slug }`;
    for (let i = 1; i <= 20; i++)
      bomb += ` fragment F${i} on ExperimentUpdate { ...F${i - 1} ...F${i - 1} }`;
    expect((await over(bomb)).errors?.[0]?.extensions).toMatchObject({ reason: 'TOO_MANY_NODES' });
    const long = `subscription { experimentUpdated(slug: "x") { ${'slug '.repeat(5000)} } }`;
    expect((await over(long)).errors?.[0]?.message).toMatch(/2000 tokens/);
  });

  it('close a connection that sends a message over 64 KB, before parsing it', async () => {
    const socket = new WebSocket(
      server.url.replace(/^http/, 'ws') + '/graphql',
      'graphql-transport-ws',
    );
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(
      JSON.stringify({ type: 'connection_init', payload: { junk: 'x'.repeat(200_000) } }),
    );
    // 1009: message too big.
    expect(await closed).toBe(1009);
  });
});
