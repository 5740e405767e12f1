// TESTING.md 17: a query that fails is logged with its text and the database's message,
// never with its parameters (token hashes, names, whatever a caller sent), under any
// route: GraphQL, report downloads, sign-in. The database is made to fail for real, by
// renaming for a moment a table the route reads.
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { errorCode, startTestServer, type TestServer } from '../support/test-server.js';

const ADMIN = `flp_${randomBytes(24).toString('hex')}`;
let server: TestServer;
let sql: pg.Client;

const logged: string[] = [];
const original = {
  error: console.error.bind(console),
  warn: console.warn.bind(console),
  log: console.log.bind(console),
  stdout: process.stdout.write.bind(process.stdout),
  stderr: process.stderr.write.bind(process.stderr),
};
const keep = (...args: unknown[]): void => {
  logged.push(args.map((a) => (a instanceof Error ? `${a.stack}` : String(a))).join(' '));
};

beforeAll(async () => {
  server = await startTestServer({
    NODE_ENV: 'production',
    FLEETLAB_ADMIN_TOKEN: ADMIN,
    FLEETLAB_PUBLIC_URL: 'https://fleetlab.example.org',
  });
  sql = new pg.Client({ connectionString: server.db.url });
  await sql.connect();
  console.error = keep;
  console.warn = keep;
  console.log = keep;
  process.stdout.write = (chunk: unknown) => (keep(chunk), true);
  process.stderr.write = (chunk: unknown) => (keep(chunk), true);
});
afterAll(async () => {
  Object.assign(console, { error: original.error, warn: original.warn, log: original.log });
  process.stdout.write = original.stdout;
  process.stderr.write = original.stderr;
  await sql.end();
  await server.close();
});
beforeEach(() => {
  logged.length = 0;
});

/** Runs `work` while `table` is missing, so that every query reading it fails. */
async function withoutTable<T>(table: string, work: () => Promise<T>): Promise<T> {
  await sql.query(`ALTER TABLE ${table} RENAME TO ${table}_away`);
  try {
    return await work();
  } finally {
    await sql.query(`ALTER TABLE ${table}_away RENAME TO ${table}`);
  }
}

function expectLoggedWithoutParameters(failure: RegExp, ...secrets: string[]): void {
  const log = logged.join('\n');
  // Logged it was (so the check below is not of an empty log)...
  expect(log).toMatch(failure);
  // ...but not with what was sent.
  expect(log).not.toMatch(/parameters/i);
  for (const secret of secrets) expect(log).not.toContain(secret);
}

describe('a query that fails', () => {
  it('under a report download answers 500 and logs no parameters', async () => {
    const slug = 'leaky-slug-4711';
    const response = await withoutTable('experiment', () =>
      fetch(`${server.url}/reports/${slug}.csv`, {
        headers: { authorization: `Bearer ${ADMIN}` },
      }),
    );
    expect(response.status).toBe(500);
    const body = (await response.json()) as { message: string };
    expect(body.message).not.toMatch(/experiment|relation/);
    expectLoggedWithoutParameters(/relation "experiment" does not exist/, slug);
  });

  it('under sign-in answers 500 and logs no parameters (the token’s hash)', async () => {
    const guess = `flp_${randomBytes(24).toString('hex')}`;
    const response = await withoutTable('api_token', () =>
      fetch(`${server.url}/auth/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: guess }),
      }),
    );
    expect(response.status).toBe(500);
    expectLoggedWithoutParameters(
      /relation "api_token" does not exist/,
      guess,
      createHash('sha256').update(guess).digest('hex'),
    );
  });

  it('under GraphQL answers INTERNAL_SERVER_ERROR and logs no parameters', async () => {
    const slug = 'leaky-gql-slug-4711';
    const response = await withoutTable('experiment', () =>
      server.gql(`query($s: String!) { experiment(slug: $s) { slug } }`, { s: slug }, ADMIN),
    );
    expect(errorCode(response)).toBe('INTERNAL_SERVER_ERROR');
    expectLoggedWithoutParameters(/relation "experiment" does not exist/, slug);
  });
});
