import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import {
  buildClient,
  launchBrowser,
  screenshot,
  seriousAccessibilityViolations,
  skipWithoutChromium,
} from '../support/browser.js';
import {
  COW_EXPERIMENT,
  CREATE_CHANGE,
  CREATE_EXPERIMENT,
  PAUSE,
  START,
} from '../support/operations.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

// Alerts in Debian's Chromium: from an experiment's page to its webhooks, a new one
// made with its signing secret shown once, a test and a real alert seen delivered to
// a receiver on loopback that checks the signature, and a receiver that is down shown
// failing. Screenshots in test/artifacts/screenshots/.
const skip = skipWithoutChromium('alerts');
const suite = skip ? describe.skip : describe;
const SLUG = COW_EXPERIMENT.slug;

let server: TestServer;
let browser: Browser;
let page: Page;
let clientDir: string;
let receiver: WebhookReceiver;
let down: WebhookReceiver;

beforeAll(async () => {
  if (skip) return;
  clientDir = buildClient();
  server = await startTestServer({
    FLEETLAB_CLIENT_DIR: clientDir,
    FLEETLAB_WEBHOOK_INTERVAL_MS: '100',
    FLEETLAB_WEBHOOK_RETRY_MIN_MS: '200',
    FLEETLAB_WEBHOOK_RETRY_MAX_MS: '1000',
  });
  await server.gql(CREATE_CHANGE, { input: { slug: 'rpm-cow', title: 'RPM copy-on-write' } });
  await server.gql(CREATE_EXPERIMENT, { input: COW_EXPERIMENT });
  await server.gql(START, { slug: SLUG });
  receiver = await WebhookReceiver.start();
  down = await WebhookReceiver.start();
  await down.setMode('down');
  browser = await launchBrowser();
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  page = await context.newPage();
  page.setDefaultTimeout(30_000);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await receiver?.close();
  await down?.close();
  if (clientDir) fs.rmSync(clientDir, { recursive: true, force: true });
});

suite('alerts', () => {
  it('are reached from the experiment’s page', async () => {
    await page.goto(`${server.url}/experiments/${SLUG}`);
    await page.getByRole('link', { name: 'Alerts of this experiment' }).click();
    await page.waitForURL(`${server.url}/alerts?experiment=${SLUG}`);
    await page.getByRole('heading', { name: 'Alerts of “RPM CoW test”' }).waitFor();
    await page.getByText('No webhooks yet.').waitFor();
  });

  it('makes a signed webhook and shows its secret once, with a way to copy it', async () => {
    const form = page.getByRole('form', { name: 'New webhook' });
    await form.getByLabel('URL to post to').fill('ftp://example.org/hook');
    await form.getByLabel('Name').fill('ops receiver');
    await form.getByRole('button', { name: 'Create webhook' }).click();
    // The server's words, next to the field.
    await form.getByText('url must start with https:// or http://, not ftp://').waitFor();

    await form.getByLabel('URL to post to').fill(receiver.url());
    await form.getByLabel('Body').selectOption('GENERIC');
    await expect(form.getByLabel('Alerts of').inputValue()).resolves.toBe(SLUG);
    await form.getByRole('button', { name: 'Create webhook' }).click();
    const secret = page.getByTestId('signing-secret');
    await secret.waitFor();
    receiver.secret = (await secret.textContent())!;
    expect(receiver.secret).toMatch(/^flw_/);
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(
      receiver.secret,
    );
    await screenshot(page, 'alerts-1-secret-once');
    await page.getByRole('button', { name: 'Done' }).click();
    await expect(secret.count()).resolves.toBe(0);
  });

  it('sends a test and a real alert, and shows them delivered', async () => {
    const card = page.getByRole('region', { name: 'Webhook ops receiver' });
    await card.getByRole('button', { name: 'Send a test' }).click();
    await receiver.waitFor('the test', () => receiver.ofEvent('TEST').length === 1);
    expect(receiver.ofEvent('TEST')[0]!.verified).toBe(true);
    await card.getByRole('row').filter({ hasText: 'Test' }).getByText('Delivered').waitFor();

    await server.gql(PAUSE, { slug: SLUG });
    await server.gql(START, { slug: SLUG });
    await receiver.waitFor('the alert', () => receiver.ofEvent('RESUMED').length === 1);
    const row = card.getByRole('row').filter({ hasText: 'Resumed' });
    await row.getByText('Delivered').waitFor();
    await expect(row.textContent()).resolves.toMatch(/was resumed by local-admin/);
  });

  it('shows a receiver that is down as failing, first thing on its card', async () => {
    const form = page.getByRole('form', { name: 'New webhook' });
    await form.getByLabel('Name').fill('#fleet-alerts');
    await form.getByLabel('URL to post to').fill(down.url());
    await form.getByLabel('Body').selectOption('SLACK');
    await form.getByRole('button', { name: 'Create webhook' }).click();
    await page.getByText('Webhook “#fleet-alerts” created.').waitFor();
    await page.getByRole('button', { name: 'Done' }).click();
    const card = page.getByRole('region', { name: 'Webhook #fleet-alerts' });
    await card.getByRole('button', { name: 'Send a test' }).click();
    await card.getByText('Its receiver is failing: connection refused (ECONNREFUSED).').waitFor();
    await card.getByText(/Failing, retrying/).waitFor();
    await screenshot(page, 'alerts-2-delivered-and-failing');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await card.getByRole('button', { name: 'Turn off' }).click();
    await card.getByText('off', { exact: true }).waitFor();
    await card.getByText('Not sent', { exact: true }).waitFor();
    await screenshot(page, 'alerts-3-turned-off');
  });
});
