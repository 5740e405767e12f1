import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { RPM_COW_EFFECTS, simulate } from '@fleetlab/simulator';
import { DEMO_EXPERIMENT, DemoSeedService } from '@fleetlab/server/demo/demo-seed.service.js';
import { DemoState } from '@fleetlab/server/demo/demo-status.model.js';
import {
  buildClient,
  launchBrowser,
  screenshot,
  seriousAccessibilityViolations,
  skipWithoutChromium,
} from '../support/browser.js';
import { fixSplit } from '../support/fixed-split.js';
import { createSecret, enrollHosts, type EnrolledHost } from '../support/fleet.js';
import { INGEST, OPT_IN } from '../support/operations.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

// The dashboard in Debian's Chromium against the real server with the demo fleet:
// what a person does in it, step by step, with a screenshot of each step in
// test/artifacts/screenshots/.
const skip = skipWithoutChromium('dashboard');
const suite = skip ? describe.skip : describe;

let server: TestServer;
let browser: Browser;
let page: Page;
let clientDir: string;
let spareHosts: EnrolledHost[];

beforeAll(async () => {
  if (skip) return;
  clientDir = buildClient();
  server = await startTestServer({ FLEETLAB_CLIENT_DIR: clientDir });
  const secret = await server.app.get(DemoSeedService).seedIfEmpty();
  await fixSplit(server.db.url, DEMO_EXPERIMENT);
  await simulate({
    server: server.url,
    enrollSecret: secret!,
    experiment: DEMO_EXPERIMENT,
    hosts: 160,
    seed: 11,
    // A clear effect on a fixed split, so that the verdicts the steps read are the same every run.
    effects: { ...RPM_COW_EFFECTS, installDuration: -0.5, diskUsedDelta: 2 },
    preDays: 3,
    transactionsPerDay: 2,
    transactionsAfter: 12,
    concurrency: 8,
  });
  // Enrolled but in no experiment: for opting in from the Hosts page.
  spareHosts = await enrollHosts(server, await createSecret(server), 3, () => ({
    osId: 'centos',
    osVersion: '9',
    rootFsType: 'btrfs',
    arch: 'x86_64',
  }));
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // Waits, not timings: on a busy machine a step can take longer than 15 s.
  page.setDefaultTimeout(30_000);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (clientDir) fs.rmSync(clientDir, { recursive: true, force: true });
});

const experimentUrl = (query = '') => `${server.url}/experiments/${DEMO_EXPERIMENT}${query}`;

suite('the dashboard', () => {
  it('shows the demo change on the overview with its decision, costs beside benefits', async () => {
    await page.goto(server.url);
    await page.getByRole('link', { name: 'RPM CoW on Hyperscale hosts' }).waitFor();
    const decision = page.getByTestId('decision').first();
    await decision.getByText(/^Install time \d+(\.\d)?% lower \(better\)$/).waitFor();
    // Faster, and it costs disk: both at a glance, the cost first and in red.
    const lines = await decision.locator('li').allTextContents();
    const cost = lines.findIndex((l) =>
      /^Guardrail Disk used change \d+(\.\d)?% higher \(worse/.test(l),
    );
    expect(cost).toBeGreaterThanOrEqual(0);
    expect(cost).toBeLessThan(lines.findIndex((l) => l.startsWith('Install time')));
    await expect(decision.locator('.badge').textContent()).resolves.toMatch(
      /^(Roll back|Keep running|Ship)$/,
    );
    await screenshot(page, '1-overview');
  });

  it('says while the demo fleet loads, and refreshes the page once it is in', async () => {
    // What main.ts's background loading reports, set here so that the steps do not race it.
    const demo = server.app.get(DemoSeedService);
    demo.status = { state: DemoState.LOADING, hostsLoaded: 120, hosts: 300 };
    await page.goto(server.url);
    const banner = page.getByText('The demo fleet is still loading (120 of 300 hosts)');
    await banner.waitFor();
    await screenshot(page, '1-demo-loading');
    const refetched = page.waitForRequest(
      (request) => request.postData()?.includes('query Overview') ?? false,
    );
    demo.status = { state: DemoState.LOADED, hostsLoaded: 300, hosts: 300 };
    await banner.waitFor({ state: 'hidden' });
    await refetched;
    await page
      .getByTestId('decision')
      .first()
      .getByText(/^Install time .*\(better\)$/)
      .waitFor();
  });

  it('opens the demo experiment and reads its verdicts', async () => {
    await page.getByRole('link', { name: 'RPM CoW on Hyperscale hosts' }).click();
    await page.waitForURL(experimentUrl());
    const installRow = page.getByRole('row').filter({ hasText: 'Install time' }).first();
    await expect(installRow.textContent()).resolves.toMatch(/Better/);
    // Every metric has its row; how an untouched one (downloads) comes out on 160
    // hosts is for test/api/comparison.test.ts to judge.
    await page.getByRole('row').filter({ hasText: 'Downloaded' }).first().waitFor();
    // The results say how current they are (samples are folded within seconds).
    await expect(page.getByTestId('results-as-of').textContent()).resolves.toMatch(
      /^As of \d\d:\d\d:\d\d UTC\./,
    );
    // The charts come in their own chunk, then draw.
    await page.locator('[data-testid="metric-charts"] svg.recharts-surface').first().waitFor();
    await page.locator('[data-testid="segment-ext4"]').waitFor();
    await screenshot(page, '2-experiment');
  });

  it('shows progress toward the plan, with the expected end date', async () => {
    // The fleet opted in minutes ago: too early for a pace. Four days ago, it is not.
    await expect(page.getByTestId('expected-end').textContent()).resolves.toMatch(
      /too early to tell the pace/,
    );
    const db = new pg.Client({ connectionString: server.db.url });
    await db.connect();
    try {
      await db.query(
        `UPDATE experiment SET started_at = now() - interval '4 days' WHERE slug = $1`,
        [DEMO_EXPERIMENT],
      );
    } finally {
      await db.end();
    }
    await page.reload();
    const progress = page.getByTestId('plan-progress');
    await progress.getByText(/^\d+ of 150 hosts per arm$/).waitFor();
    const bar = progress.getByRole('progressbar');
    const now = Number(await bar.getAttribute('aria-valuenow'));
    expect(now).toBeGreaterThan(60);
    expect(now).toBeLessThan(100);
    // About 80 hosts per arm in 4 days: 20 a day, about 4 days to go.
    await expect(progress.getByTestId('expected-end').textContent()).resolves.toMatch(
      /^Expected end \(UTC\): \d{4}-\d{2}-\d{2}, in about [3-5] days at the pace since it started \(\d+ hosts per arm a day\)\.$/,
    );
    await progress.scrollIntoViewIfNeeded();
    await screenshot(page, '2-progress');
  });

  it('switches metric and segment, and keeps both in the URL', async () => {
    await page.getByRole('combobox', { name: 'Metric' }).selectOption('disk_used_delta_bytes');
    await page.waitForURL(/metric=disk_used_delta_bytes/);
    await page.getByRole('heading', { name: /Distribution of disk used change/ }).waitFor();
    await page.getByRole('combobox', { name: 'Hosts' }).selectOption('ROOT_FS_TYPE:ext4');
    await page.waitForURL(/segment=ROOT_FS_TYPE%3Aext4/);
    await page.getByRole('heading', { name: 'Results for ext4' }).waitFor();
    await screenshot(page, '3-segment');
    // A shared link opens the same view.
    const link = page.url();
    const other = await browser.newPage();
    await other.goto(link);
    await other.getByRole('heading', { name: 'Results for ext4' }).waitFor();
    await expect(other.getByRole('combobox', { name: 'Metric' }).inputValue()).resolves.toBe(
      'disk_used_delta_bytes',
    );
    await other.close();
  });

  it('can be driven from the keyboard', async () => {
    await page.goto(experimentUrl());
    await page.getByRole('combobox', { name: 'Metric' }).waitFor();
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe(
      'Skip to content',
    );
    let onMetric = false;
    for (let i = 0; i < 80 && !onMetric; i++) {
      await page.keyboard.press('Tab');
      onMetric = await page.evaluate(
        () => document.activeElement?.getAttribute('aria-label') === 'Metric',
      );
    }
    expect(onMetric).toBe(true);
    await page.keyboard.press('ArrowDown');
    await page.waitForURL(/metric=rpm_duration_ms/);
  });

  it('opts selected hosts in from the Hosts page', async () => {
    await page.goto(`${server.url}/hosts?hostname=host-`);
    await page.getByRole('link', { name: 'host-0' }).waitFor();
    await page.getByLabel('Select host-0').check();
    await page.getByLabel('Select host-1').check();
    await page
      .getByRole('combobox', { name: 'Experiment to opt hosts into' })
      .selectOption(DEMO_EXPERIMENT);
    await page.getByRole('button', { name: 'Opt 2 selected in' }).click();
    await page.getByText(`2 host(s) opted in of ${DEMO_EXPERIMENT}.`).waitFor();
    await screenshot(page, '4-hosts');
    const enrolled = await server.gql(
      `{ host(id: "${spareHosts[0]!.id}") { enrollments { status } } }`,
    );
    expect(enrolled.data!.host.enrollments).toEqual([{ status: 'OPTED_IN' }]);
  });

  it('plans a new experiment live from the demo fleet’s history', async () => {
    await page.goto(`${server.url}/experiments/new`);
    const plan = page.getByTestId('plan');
    const summary = plan.getByTestId('plan-summary');
    await summary.getByText(/^Plan for [\d,]+ hosts per arm/).waitFor();
    // Each metric with the history it used: the demo hosts' install times and disk use.
    const rows = plan.getByTestId('plan-metrics').locator('tbody tr');
    await expect(rows.count()).resolves.toBe(2);
    for (const title of ['Install time', 'Disk used change']) {
      await expect(rows.filter({ hasText: title }).textContent()).resolves.toMatch(
        /\d+ hosts, [\d,]+ samples, mean .*\d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2} \(UTC\)/,
      );
    }
    const planned = page.getByLabel('Planned hosts per arm');
    const perArm = (text: string | null) =>
      Number(/Plan for ([\d,]+)/.exec(text ?? '')![1]!.replace(/,/g, ''));
    const first = perArm(await summary.textContent());
    await expect(planned.inputValue()).resolves.toBe(String(first));

    // The demo's 163 hosts cannot settle 2% and 5% margins, and the plan says so.
    await plan
      .getByTestId('plan-notes')
      .getByText(/^Even if all 163 targeted hosts opted in/)
      .waitFor();
    // Wider margins need fewer hosts, as they are typed; then a pace gives days.
    await page.getByLabel('Margin (%)').nth(0).fill('30');
    await page.getByLabel('Margin (%)').nth(1).fill('90');
    await page.waitForFunction((before) => {
      const text = document.querySelector('[data-testid="plan-summary"]')?.textContent ?? '';
      const match = /Plan for ([\d,]+)/.exec(text);
      return match !== null && Number(match[1]!.replace(/,/g, '')) < before / 10;
    }, first);
    const second = perArm(await summary.textContent());
    await expect(planned.inputValue()).resolves.toBe(String(second));
    await page.getByLabel('Opt-ins a day').fill('40');
    await summary.getByText(/: about [\d,]+ days? at 40 opt-ins a day\.$/).waitFor();
    await expect(plan.getByTestId('plan-notes').count()).resolves.toBe(0);
    await plan.scrollIntoViewIfNeeded();
    await screenshot(page, '5-plan');
  });

  it('creates an experiment, showing problems next to the fields, and starts it', async () => {
    await page.goto(`${server.url}/experiments/new`);
    await page.getByLabel('Change', { exact: true }).selectOption('rpm-cow');
    await page.getByLabel('Slug').fill('Bad Slug');
    await page.getByLabel('Title').fill('RPM CoW on builders');
    await page.getByRole('button', { name: 'Create experiment' }).click();
    const problem = page.locator('#slug-problem');
    await problem.waitFor();
    await expect(problem.textContent()).resolves.toMatch(/slug|lowercase/i);
    await screenshot(page, '5-form-problem');
    await page.getByLabel('Slug').fill('rpm-cow-builders');
    // Created with the plan's hosts per arm.
    await page.getByTestId('plan-summary').waitFor();
    const planned = await page.getByLabel('Planned hosts per arm').inputValue();
    expect(Number(planned)).toBeGreaterThan(1);
    await page.getByRole('button', { name: 'Create experiment' }).click();
    await page.waitForURL(`${server.url}/experiments/rpm-cow-builders`);
    const created = await server.gql(
      `{ experiment(slug: "rpm-cow-builders") { plannedHostsPerArm } }`,
    );
    expect(created.data!.experiment.plannedHostsPerArm).toBe(Number(planned));
    await page.getByText('No hosts yet').waitFor();
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('button', { name: 'Yes, start' }).click();
    await page.locator('.badge.status-running').waitFor();
    await expect(
      page.getByText('npx fleetlab-agent opt-in rpm-cow-builders').count(),
    ).resolves.toBe(1);
    await screenshot(page, '6-created');
  });

  it('moves a chart when samples arrive, without reloading', async () => {
    await page.goto(experimentUrl('?metric=install_duration_ms'));
    const histogram = page.locator('[data-testid="metric-charts"] .recharts-area-area').first();
    await histogram.waitFor();
    const before = await histogram.getAttribute('d');
    const optedIn = await page.locator('.funnel-step:has(dt:text-is("Opted in"))').textContent();
    // Connected; it may have refreshed already (the folder announces the earlier steps'
    // opt-ins once it has tallied them).
    await page.getByText(/^Live: (the page updates itself|updated at)/).waitFor();
    // The third spare host opts in and reports very slow transactions, a batch every
    // two seconds until the chart moves (the first may beat the subscription).
    const host = spareHosts[2]!;
    await server.gql(OPT_IN, { slug: DEMO_EXPERIMENT }, host.token);
    const moved = (timeout: number) =>
      page.waitForFunction(
        (previous) =>
          document
            .querySelector('[data-testid="metric-charts"] .recharts-area-area')
            ?.getAttribute('d') !== previous,
        before,
        { timeout },
      );
    let changed = false;
    for (let batch = 0; batch < 10 && !changed; batch++) {
      const samples = Array.from({ length: 40 }, (_, i) => ({
        id: `live-${batch}-${i}`,
        kind: 'package_transaction',
        observedAt: new Date().toISOString(),
        values: [{ metric: 'install_duration_ms', value: 3_000_000 + i }],
        context: { packages: 400, action: 'upgrade' },
      }));
      const sent = await server.gql(INGEST, { batch: { samples } }, host.token);
      expect(sent.data!.ingestSamples.accepted).toBe(40);
      changed = await moved(2000).then(
        () => true,
        () => false,
      );
    }
    // The samples are in; on a busy machine refetching and redrawing may take longer.
    if (!changed) await moved(30_000);
    await expect(
      page.locator('.funnel-step:has(dt:text-is("Opted in"))').textContent(),
    ).resolves.not.toBe(optedIn);
    await page.getByText(/Live: updated at/).waitFor();
    await screenshot(page, '7-live');
  }, 120_000);

  it('downloads the Change proposal and lists its figures from the Export panel', async () => {
    await page.goto(experimentUrl('?window=28d'));
    const link = page.getByRole('link', { name: 'Fedora Change proposal' });
    await expect(link.getAttribute('href')).resolves.toMatch(
      new RegExp(`^/reports/${DEMO_EXPERIMENT}\\.wiki\\?from=\\d{4}-\\d{2}-\\d{2}$`),
    );
    // The server builds the whole proposal before the download starts.
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      link.click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${DEMO_EXPERIMENT}-fleet-evidence.wiki`);
    const text = fs.readFileSync(await download.path(), 'utf8');
    expect(text).toMatch(/^= RPM copy-on-write =/);
    expect(text).toContain('{{Change_Proposal_Banner}}');
    await page.getByText('Figures to upload with the wiki page').click();
    await page.getByRole('link', { name: `Fleetlab-${DEMO_EXPERIMENT}-effects.svg` }).waitFor();
    await screenshot(page, '8-export');
  }, 120_000);

  it('says on the experiment page when samples of its hosts are quarantined, and why', async () => {
    await page.goto(experimentUrl());
    await page.getByTestId('results-as-of').waitFor();
    await expect(page.getByTestId('results-quarantine').count()).resolves.toBe(0);
    // Connected, so that the page hears of the quarantine as it happens.
    await page.getByText(/^Live: (the page updates itself|updated at)/).waitFor();
    // A value the API refuses, written behind its back as a bulk load would: the
    // folder cannot fold it (its square underflows) and sets it aside.
    const host = spareHosts[2]!;
    const observedAt = new Date().toISOString();
    const db = new pg.Client({ connectionString: server.db.url });
    await db.connect();
    try {
      await db.query(
        `INSERT INTO sample (host_id, sample_id, kind, observed_at, metric_values)
         VALUES ($1, 'poison-1', 'package_transaction', $2, '{"install_duration_ms": 1e-200}')`,
        [host.id, observedAt],
      );
      await db.query(
        `INSERT INTO fold_queue (host_id, sample_ids, observed_from, observed_to) VALUES ($1, '{poison-1}', $2, $2)`,
        [host.id, observedAt],
      );
    } finally {
      await db.end();
    }
    // Other hosts go on reporting, and their batches fold.
    const sent = await server.gql(
      INGEST,
      {
        batch: {
          samples: [
            {
              id: 'after-poison',
              kind: 'package_transaction',
              observedAt,
              values: [{ metric: 'install_duration_ms', value: 2500 }],
            },
          ],
        },
      },
      spareHosts[1]!.token,
    );
    expect(sent.data!.ingestSamples.accepted).toBe(1);
    await server.folded();
    const warning = page.getByTestId('results-quarantine');
    await warning.waitFor();
    await expect(warning.textContent()).resolves.toMatch(
      /^1 sample of this experiment’s hosts is quarantined: folding failed on it \(value out of range: underflow\)\. The figures leave it out until an admin retries or drops it\.$/,
    );
    await screenshot(page, '9-quarantine');
  }, 120_000);

  it.each([
    ['overview', '/'],
    ['experiment', `/experiments/${DEMO_EXPERIMENT}`],
    ['hosts', '/hosts'],
    ['new experiment', '/experiments/new'],
  ])('has no serious accessibility problems on the %s page', async (_name, url) => {
    await page.goto(`${server.url}${url}`);
    await page.locator('main h1').first().waitFor();
    if (url.startsWith('/experiments/rpm')) {
      await page.locator('[data-testid="metric-charts"] svg.recharts-surface').first().waitFor();
    }
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
