// Guessing credentials is slowed down like any request without valid credentials: a
// made-up sign-in cookie or token, and a call without credentials to an operation
// that needs them, count against the sender's address; over the limit the answer is
// RATE_LIMITED with a retry delay, and no credentials from there are looked up.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type TestServer } from '../support/test-server.js';

const ADMIN = `flp_${randomBytes(24).toString('hex')}`;
const LIMIT = 6;
let server: TestServer;
let addresses = 0;

beforeAll(async () => {
  server = await startTestServer({
    FLEETLAB_AUTH: 'tokens',
    FLEETLAB_ADMIN_TOKEN: ADMIN,
    FLEETLAB_ANONYMOUS_REQUESTS_PER_MINUTE: String(LIMIT),
    // Each test sends from an address of its own (X-Forwarded-For from loopback).
    FLEETLAB_TRUST_PROXY: 'loopback',
  });
});
afterAll(() => server.close());

interface Answer {
  status: number;
  code: string | undefined;
  retryAfter: unknown;
}

/** A fresh sender: its own address, so that each test starts with a full allowance. */
function sender(): (path: string, headers?: Record<string, string>) => Promise<Answer> {
  addresses += 1;
  const address = `203.0.113.${addresses}`;
  return async (path, headers = {}) => {
    const graphql = path === '/graphql';
    const response = await fetch(`${server.url}${path}`, {
      method: graphql ? 'POST' : 'GET',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address, ...headers },
      body: graphql ? JSON.stringify({ query: '{ experiments { slug } }' }) : undefined,
    });
    const body = (await response.json()) as {
      code?: string;
      errors?: { extensions: { code: string; retryAfterSeconds?: number } }[];
    };
    return {
      status: response.status,
      code: body.code ?? body.errors?.[0]?.extensions.code,
      retryAfter:
        body.errors?.[0]?.extensions.retryAfterSeconds ?? response.headers.get('retry-after'),
    };
  };
}

const guessedCookie = () => ({
  cookie: `fleetlab_session=fls_${randomBytes(32).toString('base64url')}`,
});

async function untilLimited(send: () => Promise<Answer>): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let i = 0; i < LIMIT + 1; i++) answers.push(await send());
  return answers;
}

describe('guessing credentials', () => {
  it('with made-up sign-in cookies is rate limited by address', async () => {
    const send = sender();
    const answers = await untilLimited(() => send('/graphql', guessedCookie()));
    expect(answers.slice(0, LIMIT).map((a) => a.code)).toEqual(
      Array(LIMIT).fill('UNAUTHENTICATED'),
    );
    expect(answers[LIMIT]).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(answers[LIMIT]!.retryAfter).toBeGreaterThanOrEqual(1);
  });

  it('with made-up cookies on report downloads is rate limited too (429, Retry-After)', async () => {
    const send = sender();
    const answers = await untilLimited(() => send('/reports/none.csv', guessedCookie()));
    expect(answers.slice(0, LIMIT).map((a) => a.status)).toEqual(Array(LIMIT).fill(401));
    expect(answers[LIMIT]!.status).toBe(429);
    expect(Number(answers[LIMIT]!.retryAfter)).toBeGreaterThanOrEqual(1);
  });

  it('counts calls without credentials to operations that need them', async () => {
    const send = sender();
    const answers = await untilLimited(() => send('/graphql'));
    expect(answers.slice(0, LIMIT).map((a) => a.code)).toEqual(
      Array(LIMIT).fill('UNAUTHENTICATED'),
    );
    expect(answers[LIMIT]).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
  });

  it('stops looking credentials up from an address over its limit, and leaves other addresses alone', async () => {
    const guesser = sender();
    await untilLimited(() => guesser('/graphql', { authorization: `Bearer ${ADMIN}x` }));
    // Even a right token waits: answering it would tell a guesser which guess was right.
    expect(await guesser('/graphql', { authorization: `Bearer ${ADMIN}` })).toMatchObject({
      status: 429,
      code: 'RATE_LIMITED',
    });
    const other = sender();
    expect(await other('/graphql', { authorization: `Bearer ${ADMIN}` })).toMatchObject({
      status: 200,
      code: undefined,
    });
    expect(await other('/graphql', guessedCookie())).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
