// OIDC sign-in (FLEETLAB_OIDC_*) against a fake issuer on this machine: the browser's
// round trip is followed by hand, redirect by redirect, as a browser would.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startFakeIssuer, type FakeIssuer } from '../support/fake-oidc-issuer.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let issuer: FakeIssuer;
let server: TestServer;

beforeAll(async () => {
  issuer = await startFakeIssuer();
  server = await startTestServer({
    FLEETLAB_AUTH: 'tokens',
    FLEETLAB_ADMIN_TOKEN: `flp_${randomBytes(24).toString('hex')}`,
    FLEETLAB_OIDC_ISSUER: issuer.url,
    FLEETLAB_OIDC_CLIENT_ID: issuer.clientId,
    FLEETLAB_OIDC_CLIENT_SECRET: issuer.clientSecret,
  });
});
afterAll(async () => {
  await server.close();
  await issuer.close();
});

const cookieOf = (response: Response, name: string): string | undefined =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith(`${name}=`));

/** Login -> issuer -> callback; answers the callback's response and the state cookie sent. */
async function signIn(): Promise<{ callback: Response; session?: string }> {
  const login = await fetch(`${server.url}/auth/oidc/login`, { redirect: 'manual' });
  expect(login.status).toBe(302);
  const toIssuer = new URL(login.headers.get('location')!);
  expect(toIssuer.origin).toBe(issuer.url);
  expect(toIssuer.searchParams.get('code_challenge_method')).toBe('S256');
  const atIssuer = await fetch(toIssuer, { redirect: 'manual' });
  const back = atIssuer.headers.get('location')!;
  const callback = await fetch(back, {
    redirect: 'manual',
    headers: { cookie: cookieOf(login, 'fleetlab_oidc_state') ?? '' },
  });
  return { callback, session: cookieOf(callback, 'fleetlab_session') };
}

async function whoIs(session: string): Promise<unknown> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: session },
    body: JSON.stringify({ query: '{ session { oidc person { name role } } }' }),
  });
  return ((await response.json()) as { data: { session: unknown } }).data.session;
}

describe('OIDC sign-in', () => {
  it('signs a new identity in with the role from its claim, and follows the claim later', async () => {
    issuer.signInAs({ sub: 'u-1', preferred_username: 'olga', fleetlab_role: 'owner' });
    const first = await signIn();
    expect(first.callback.status).toBe(302);
    expect(first.callback.headers.get('location')).toBe('/');
    expect(await whoIs(first.session!)).toEqual({
      oidc: true,
      person: { name: 'olga', role: 'OWNER' },
    });

    issuer.signInAs({ sub: 'u-1', preferred_username: 'olga', fleetlab_role: ['viewer'] });
    const second = await signIn();
    expect(await whoIs(second.session!)).toEqual({
      oidc: true,
      person: { name: 'olga', role: 'VIEWER' },
    });
  });

  it('never takes over an existing name: an identity called admin becomes someone else', async () => {
    issuer.signInAs({ sub: 'u-2', preferred_username: 'admin' });
    const { session } = await signIn();
    const who = (await whoIs(session!)) as { person: { name: string; role: string } };
    expect(who.person.name).toMatch(/^admin-[0-9a-f]{6}$/);
    expect(who.person.role).toBe('VIEWER');
  });

  it('refuses a callback without the state this browser started with', async () => {
    issuer.signInAs({ sub: 'u-3', preferred_username: 'mallory' });
    const login = await fetch(`${server.url}/auth/oidc/login`, { redirect: 'manual' });
    const atIssuer = await fetch(login.headers.get('location')!, { redirect: 'manual' });
    const forged = await fetch(atIssuer.headers.get('location')!, { redirect: 'manual' });
    expect(forged.status).toBe(400);
    expect(cookieOf(forged, 'fleetlab_session')).toBeUndefined();
  });
});
