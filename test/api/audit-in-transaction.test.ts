// No mutation commits without its audit event: the event is written in the same
// transaction as the change, and text that cannot be stored (a lone UTF-16 surrogate,
// like NUL) is refused before anything runs.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { createSecret, enrollHosts, machineIdHash, type EnrolledHost } from '../support/fleet.js';
import {
  COW_EXPERIMENT,
  CREATE_CHANGE,
  CREATE_EXPERIMENT,
  ENROLL,
  OPT_IN,
  START,
} from '../support/operations.js';
import { errorCode, startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
let db: pg.Client;
let host: EnrolledHost;

async function events(action: string): Promise<{ outcome: string; error_code: string | null }[]> {
  const rows = await db.query<{ outcome: string; error_code: string | null }>(
    'SELECT outcome, error_code FROM audit_event WHERE action = $1 ORDER BY at',
    [action],
  );
  return rows.rows;
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const rows = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) t`, params);
  return rows.rows[0]!.n;
}

/** Makes storing any successful event fail, as a full disk or a bad value would. */
async function breakAuditLog(): Promise<void> {
  await db.query(`
    CREATE OR REPLACE FUNCTION test_audit_fails() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'audit log cannot be written'; END $$`);
  await db.query(`
    CREATE OR REPLACE TRIGGER test_audit_fails BEFORE INSERT ON audit_event
    FOR EACH ROW WHEN (NEW.outcome = 'OK') EXECUTE FUNCTION test_audit_fails()`);
}

async function mendAuditLog(): Promise<void> {
  await db.query('DROP TRIGGER IF EXISTS test_audit_fails ON audit_event');
}

beforeAll(async () => {
  server = await startTestServer();
  db = new pg.Client({ connectionString: server.db.url });
  await db.connect();
  await server.gql(CREATE_CHANGE, { input: { slug: 'rpm-cow', title: 'RPM CoW' } });
  await server.gql(CREATE_EXPERIMENT, { input: { ...COW_EXPERIMENT, targeting: [] } });
  const enrolled = await enrollHosts(server, await createSecret(server), 1, () => ({
    arch: 'x86_64',
  }));
  host = enrolled[0]!;
});

afterAll(async () => {
  await mendAuditLog();
  await db.end();
  await server.close();
});

describe('text that cannot be stored', () => {
  it('refuses a lone surrogate in a variable with BAD_USER_INPUT, stores nothing, and records the refusal', async () => {
    const answer = await server.gql(CREATE_CHANGE, {
      input: { slug: 'surrogate', title: '\ud800x' },
    });
    expect(answer.status).toBe(400);
    expect(errorCode(answer)).toBe('BAD_USER_INPUT');
    expect(answer.errors![0]!.extensions).toMatchObject({
      reason: 'LONE_SURROGATE',
      field: '$input.title',
    });
    expect(answer.errors![0]!.message).toMatch(/^\$input\.title contains a lone UTF-16 surrogate/);
    expect(await count(`SELECT 1 FROM change WHERE slug = 'surrogate'`)).toBe(0);
    expect((await events('createChange')).at(-1)).toEqual({
      outcome: 'FAILED',
      error_code: 'BAD_USER_INPUT',
    });
  });

  it.each([
    [
      'a host fact',
      `mutation($f: JSON!) { reportFacts(facts: $f) { id } }`,
      { f: { region: 'eu\udc00' } },
    ],
    [
      'a hostname',
      ENROLL,
      {
        input: {
          enrollSecret: 'fle_x',
          machineIdHash: machineIdHash('surrogate'),
          hostname: 'a\ud800',
          facts: {},
        },
      },
    ],
    [
      'an opt-out reason',
      `mutation($r: String) { optOut(experimentSlug: "cow-test", reason: $r) { status } }`,
      { r: '\udbff' },
    ],
  ])('refuses a lone surrogate in %s', async (_what, query, variables) => {
    const answer = await server.gql(query, variables, host.token);
    expect(errorCode(answer)).toBe('BAD_USER_INPUT');
    expect(answer.errors![0]!.message).toMatch(/lone UTF-16 surrogate/);
  });

  it('stores whole characters beyond the BMP, right-to-left and zero-width ones byte-exact', async () => {
    const title = 'RPM CoW 🐄 \u202eabc\u200b';
    const answer = await server.gql(CREATE_CHANGE, { input: { slug: 'emoji', title } });
    expect(answer.data!.createChange.title).toBe(title);
  });
});

describe('the audit event of a mutation', () => {
  it('is written once per successful mutation, aliases each on their own', async () => {
    const before = (await events('createChange')).filter((e) => e.outcome === 'OK').length;
    const answer = await server.gql(`mutation {
      a: createChange(input: { slug: "one", title: "One" }) { slug }
      b: createChange(input: { slug: "two", title: "Two" }) { slug }
    }`);
    expect(answer.errors).toBeUndefined();
    const after = (await events('createChange')).filter((e) => e.outcome === 'OK').length;
    expect(after - before).toBe(2);
  });

  it('is written in the transaction of the change: when it cannot be stored, nothing changes', async () => {
    await breakAuditLog();
    try {
      const change = await server.gql(CREATE_CHANGE, { input: { slug: 'unaudited', title: 'X' } });
      expect(errorCode(change)).toBe('INTERNAL_SERVER_ERROR');
      expect(await count(`SELECT 1 FROM change WHERE slug = 'unaudited'`)).toBe(0);

      const start = await server.gql(START, { slug: COW_EXPERIMENT.slug });
      expect(errorCode(start)).toBe('INTERNAL_SERVER_ERROR');
      expect(await count(`SELECT 1 FROM experiment WHERE status = 'RUNNING'`)).toBe(0);

      const secret = await server.gql(
        `mutation { createEnrollSecret(input: { name: "unaudited" }) { secret } }`,
      );
      expect(errorCode(secret)).toBe('INTERNAL_SERVER_ERROR');
      expect(await count(`SELECT 1 FROM enroll_secret WHERE name = 'unaudited'`)).toBe(0);

      const facts = await server.gql(
        `mutation($f: JSON!) { reportFacts(facts: $f) { id } }`,
        { f: { arch: 'aarch64' } },
        host.token,
      );
      expect(errorCode(facts)).toBe('INTERNAL_SERVER_ERROR');
      expect(await count(`SELECT 1 FROM host WHERE facts->>'arch' = 'aarch64'`)).toBe(0);
    } finally {
      await mendAuditLog();
    }
    // The refusals were recorded as failures, so the log says what was tried.
    expect((await events('createChange')).at(-1)).toEqual({
      outcome: 'FAILED',
      error_code: 'INTERNAL_SERVER_ERROR',
    });

    expect((await server.gql(START, { slug: COW_EXPERIMENT.slug })).errors).toBeUndefined();
    expect(
      (await server.gql(OPT_IN, { slug: COW_EXPERIMENT.slug }, host.token)).errors,
    ).toBeUndefined();
    expect((await events('startExperiment')).map((e) => e.outcome)).toEqual(['FAILED', 'OK']);
    expect((await events('optIn')).map((e) => e.outcome)).toEqual(['OK']);
  });
});
