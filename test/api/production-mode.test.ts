// TESTING.md 13: with NODE_ENV=production the API tells a prober nothing about itself:
// no introspection, no "Did you mean ...?" suggestions, no stack traces; and local
// mode is off, so nothing is readable without a token.
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { machineIdHash } from '../support/fleet.js';
import { CREATE_CHANGE, CREATE_EXPERIMENT, CREATE_SECRET, ENROLL } from '../support/operations.js';
import { errorCode, startTestServer, type TestServer } from '../support/test-server.js';

const ADMIN = `flp_${randomBytes(24).toString('hex')}`;
// Production refuses to start without it (links in reports would follow the Host header).
const PUBLIC_URL = 'https://fleetlab.example.org';
let server: TestServer;

// What the server logs, to check that no query parameter (a token's hash) is in it.
const logged: string[] = [];
const originalError = console.error.bind(console);
const originalWrite = process.stderr.write.bind(process.stderr);

beforeAll(async () => {
  server = await startTestServer({
    NODE_ENV: 'production',
    FLEETLAB_ADMIN_TOKEN: ADMIN,
    FLEETLAB_PUBLIC_URL: PUBLIC_URL,
  });
  console.error = (...args: unknown[]) => {
    logged.push(args.map((a) => (a instanceof Error ? `${a.stack}` : String(a))).join(' '));
  };
  process.stderr.write = (chunk: unknown) => {
    logged.push(String(chunk));
    return true;
  };
});
afterAll(async () => {
  console.error = originalError;
  process.stderr.write = originalWrite;
  await server.close();
});

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

  it('points the links of a report at FLEETLAB_PUBLIC_URL, whatever the Host header says', async () => {
    await server.gql(CREATE_CHANGE, { input: { slug: 'linked', title: 'Linked' } }, ADMIN);
    const created = await server.gql(
      CREATE_EXPERIMENT,
      {
        input: {
          changeSlug: 'linked',
          slug: 'linked',
          title: 'Linked',
          arms: [
            { key: 'baseline', weight: 1, baseline: true },
            { key: 'new', weight: 1, baseline: false },
          ],
          metrics: [{ metric: 'install_duration_ms', role: 'PRIMARY', margin: 0.05 }],
        },
      },
      ADMIN,
    );
    expect(created.errors).toBeUndefined();
    const wiki = await new Promise<string>((resolve, reject) => {
      const { port } = new URL(server.url);
      http
        .get(
          {
            host: '127.0.0.1',
            port,
            path: '/reports/linked.wiki',
            headers: { host: 'attacker.invalid', authorization: `Bearer ${ADMIN}` },
          },
          (response) => {
            let text = '';
            response.setEncoding('utf8');
            response.on('data', (chunk: string) => (text += chunk));
            response.on('end', () => resolve(text));
          },
        )
        .on('error', reject);
    });
    expect(wiki).toContain(`server = ${PUBLIC_URL}`);
    expect(wiki).not.toContain('attacker.invalid');
  });
});

describe('hostile input', () => {
  const nul = 'bad\u0000name';
  const as = (query: string, variables?: Record<string, unknown>) =>
    server.gql(query, variables, ADMIN);

  it.each([
    ['a change title', CREATE_CHANGE, { input: { slug: 'nul-change', title: nul } }],
    ['a slug to look up', `query($s: String!) { experiment(slug: $s) { slug } }`, { s: nul }],
    [
      'a person’s name',
      `mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }`,
      { i: { name: nul, role: 'VIEWER' } },
    ],
    ['an enroll secret’s name', CREATE_SECRET, { input: { name: nul } }],
    [
      'a revocation reason',
      `mutation($r: String) { revokeHost(id: "00000000-0000-0000-0000-000000000000", reason: $r) { id } }`,
      { r: nul },
    ],
    [
      'a host filter',
      `query($f: HostFilterInput) { hosts(filter: $f) { totalCount } }`,
      { f: { hostnameContains: nul } },
    ],
    [
      'a fact filter',
      `query($f: HostFilterInput) { hosts(filter: $f) { totalCount } }`,
      { f: { facts: [{ fact: 'region', op: 'EQ', values: [nul] }] } },
    ],
    ['an audit filter', `query($a: String) { auditEvents(actor: $a) { id } }`, { a: nul }],
    ['text written in the query', `{ experiment(slug: "bad\\u0000slug") { slug } }`, {}],
  ])('refuses a NUL character in %s as bad input', async (_what, query, variables) => {
    const response = await as(query, variables);
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.message).toMatch(/NUL/);
  });

  it('refuses a cursor past the end of bigint as bad input', async () => {
    const after = Buffer.from('host:9999999999999999999').toString('base64url');
    const response = await as(`query($a: String) { hosts(after: $a) { totalCount } }`, {
      a: after,
    });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.extensions!.field).toBe('after');
  });

  it('refuses a malformed sign-in cookie as bad input, and signs it out', async () => {
    const cookie = 'fleetlab_session=%E0%A4%A';
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ query: '{ experiments { slug } }' }),
    });
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
    const session = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ query: '{ session { mode } }' }),
    });
    expect(((await session.json()) as typeof body).errors[0]!.extensions.code).toBe(
      'BAD_USER_INPUT',
    );
    const signOut = await fetch(`${server.url}/auth/session`, {
      method: 'DELETE',
      headers: { cookie },
    });
    expect(signOut.status).toBe(204);
  });

  it('answers a value the database cannot take as bad input, never as an internal error', async () => {
    const response = await as(`query($b: DateTime) { auditEvents(before: $b) { id } }`, {
      b: '-200000-01-01T00:00:00.000Z',
    });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
  });

  it.each([
    [
      'a window’s start, sent as a variable',
      `query($w: WindowInput) { comparison(experimentSlug: "x", metric: "install_duration_ms", window: $w) { asOf } }`,
      { w: { from: '2026-02-30T00:00:00Z' } },
      'w.from',
    ],
    [
      'a window’s end, written in the query',
      `{ experimentReport(experimentSlug: "x", format: CSV, window: { to: "2026-04-31T00:00:00Z" }) { content } }`,
      {},
      '2026-04-31',
    ],
    [
      'an enroll secret’s expiry',
      CREATE_SECRET,
      { input: { name: 'feb', expiresAt: '2027-02-29T00:00:00Z' } },
      'input.expiresAt',
    ],
    [
      'an API token’s expiry',
      `mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { token } }`,
      { i: { name: 'feb', person: 'admin', expiresAt: '2027-02-29T12:00:00+01:00' } },
      'i.expiresAt',
    ],
    [
      'an audit page’s end',
      `query($b: DateTime) { auditEvents(before: $b) { id } }`,
      { b: '2026-06-31T00:00:00Z' },
      '$b',
    ],
    [
      'a time no clock shows',
      `query($b: DateTime) { auditEvents(before: $b) { id } }`,
      { b: '2026-06-30T24:00:00Z' },
      '$b',
    ],
  ])(
    'refuses a day that does not exist in %s as bad input, naming it',
    async (_what, query, variables, named) => {
      const response = await as(query, variables);
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors![0]!.message).toContain(named);
      expect(response.errors![0]!.message).toMatch(/does not exist/);
    },
  );

  it('answers report downloads with hostile names and windows with 400 or 404, never 500', async () => {
    for (const path of [
      '/reports/bad%00slug.csv',
      '/reports/x.csv?from=-200000-01-01T00:00:00Z',
      '/reports/x.csv?to=%00',
      '/reports/figures/bad%00name.svg',
    ]) {
      const response = await fetch(`${server.url}${path}`, {
        headers: { authorization: `Bearer ${ADMIN}` },
      });
      expect([path, [400, 404].includes(response.status)]).toEqual([path, true]);
    }
  });

  it('answers a persisted query whose hash does not match it with 400, not an internal error', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ metrics { key } }',
        extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } },
      }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { message: string; extensions: object }[] };
    expect(body.errors[0]!.extensions).toEqual({ code: 'BAD_REQUEST' });
    expect(body.errors[0]!.message).toMatch(/sha does not match/);
  });

  it('stores a NUL-free audit event for a refused request, and logs no query parameters', async () => {
    const secret = (await as(CREATE_SECRET, { input: { name: 'hostile' } })).data!
      .createEnrollSecret.secret as string;
    const hostname = await as(ENROLL, {
      input: {
        enrollSecret: secret,
        machineIdHash: machineIdHash('nul'),
        hostname: nul,
        facts: {},
      },
    });
    expect(errorCode(hostname)).toBe('BAD_USER_INPUT');
    const events = await as(
      `{ auditEvents(action: "enrollHost", first: 1) { outcome errorCode } }`,
    );
    expect(events.data!.auditEvents[0]).toEqual({ outcome: 'FAILED', errorCode: 'BAD_USER_INPUT' });

    const log = logged.join('\n');
    expect(log).not.toMatch(/PARAMETERS/);
    expect(log).not.toContain(createHash('sha256').update(ADMIN).digest('hex'));
    expect(log).not.toContain(ADMIN);
  });

  it('keeps /health answering while a hostile client sends all of the above at once', async () => {
    const hostile: (() => Promise<number>)[] = [
      () => as(CREATE_CHANGE, { input: { slug: 'surrogate', title: '\ud800x' } }).then(code),
      () =>
        as(
          `query($w: WindowInput) { comparison(experimentSlug: "x", metric: "install_duration_ms", window: $w) { asOf } }`,
          { w: { from: '+099999-01-01T00:00:00Z' } },
        ).then(code),
      () => as(`{ hosts { nodes { id } } }`).then(code),
      () =>
        fetch(`${server.url}/reports/x.csv?from=99999-01-01`, {
          headers: { authorization: `Bearer ${ADMIN}` },
        }).then((r) => r.status),
      () =>
        fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            cookie: `fleetlab_session=${randomBytes(16).toString('hex')}`,
          },
          body: JSON.stringify({ query: '{ experiments { slug } }' }),
        }).then((r) => r.status),
    ];
    let sent = 0;
    const statuses: number[] = [];
    const attacker = (async () => {
      while (sent < 300) {
        const batch = Array.from({ length: 20 }, () => hostile[sent++ % hostile.length]!());
        statuses.push(...(await Promise.all(batch)));
      }
    })();
    const health: number[] = [];
    while (sent < 300) {
      health.push((await fetch(`${server.url}/health`)).status);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await attacker;
    health.push((await fetch(`${server.url}/health`)).status);
    expect(new Set(health)).toEqual(new Set([200]));
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
  });
});

/** A GraphQL answer as a status: 200 when it has data and no error, else 4xx for its code. */
function code(response: { errors?: { extensions?: { code?: string } }[] }): number {
  const error = response.errors?.[0]?.extensions?.code;
  return error === 'INTERNAL_SERVER_ERROR' ? 500 : error ? 400 : 200;
}
