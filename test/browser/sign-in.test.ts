import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { buildClient, launchBrowser, screenshot, skipWithoutChromium } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

// Signing in to the dashboard of a server with FLEETLAB_AUTH=tokens, in Debian's Chromium.
const skip = skipWithoutChromium('sign-in');
const suite = skip ? describe.skip : describe;
const ADMIN = `flp_${randomBytes(24).toString('hex')}`;

let server: TestServer;
let browser: Browser;
let page: Page;
let clientDir: string;
let viewerToken: string;

beforeAll(async () => {
  if (skip) return;
  clientDir = buildClient();
  server = await startTestServer({
    FLEETLAB_CLIENT_DIR: clientDir,
    FLEETLAB_AUTH: 'tokens',
    FLEETLAB_ADMIN_TOKEN: ADMIN,
  });
  await server.gql(
    `mutation { createPerson(input: { name: "vera", role: VIEWER }) { id } }`,
    {},
    ADMIN,
  );
  const created = await server.gql(
    `mutation { createApiToken(input: { person: "vera", name: "browser" }) { token } }`,
    {},
    ADMIN,
  );
  viewerToken = created.data!.createApiToken.token as string;
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(15_000);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (clientDir) fs.rmSync(clientDir, { recursive: true, force: true });
});

suite('signing in', () => {
  it('asks for a token, says what is wrong with a bad one, and signs in and out with a good one', async () => {
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Sign in to Fleetlab' }).waitFor();

    await page.getByLabel('API token').fill(`flp_${randomBytes(32).toString('base64url')}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/not recognised/);
    await screenshot(page, 'sign-in-refused');

    await page.getByLabel('API token').fill(viewerToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('vera (viewer)').waitFor();
    await page.getByRole('heading', { name: 'No experiments yet' }).waitFor();
    // A viewer is not offered what they may not do.
    expect(await page.getByRole('link', { name: 'New experiment' }).count()).toBe(0);
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'fleetlab_session')).toMatchObject({
      httpOnly: true,
      sameSite: 'Lax',
    });
    // The page never holds the API token.
    const stored = await page.evaluate(() =>
      JSON.stringify({ ...localStorage, ...sessionStorage }),
    );
    expect(stored).not.toContain(viewerToken);
    await screenshot(page, 'signed-in');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Fleetlab' }).waitFor();
  });
});
