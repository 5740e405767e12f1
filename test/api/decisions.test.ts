// One decision per experiment, and guardrails that act: an experiment set to halt
// itself halts in the very fold pass that makes a guardrail worse beyond its margin,
// audited with the figures, with exactly one alert to its webhook; its hosts can no
// longer opt in; starting it lifts the halt.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { createSecret, machineIdHash, type EnrolledHost } from '../support/fleet.js';
import { fixSplit } from '../support/fixed-split.js';
import {
  CREATE_CHANGE,
  CREATE_EXPERIMENT,
  ENROLL,
  INGEST,
  OPT_IN,
  START,
} from '../support/operations.js';
import { errorCode, startTestServer, type TestServer } from '../support/test-server.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

const SLUG = 'guarded';
const DECISION = `query($slug: String!) {
  experiment(slug: $slug) {
    status autoHalt haltedAt haltReason
    decision {
      decision headline hostsNeeded
      benefits { metric armKey verdict sentence }
      costs { metric verdict beyondMargin sentence }
      failedGuardrails { metric title role relativeDiff margin beyondMargin sentence }
      failedChecks { name status }
    }
  }
}`;

let server: TestServer;
let db: pg.Client;
let receiver: WebhookReceiver;
const hosts: (EnrolledHost & { arm: string })[] = [];
let counter = 0;

/** Deterministic noise (mulberry32), so that every run judges the same data. */
function noise(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
}
const next = noise(7);

/** Three transactions a host: install time 40% lower on treatment, disk use as given. */
async function report(host: (typeof hosts)[number], diskBytes: number): Promise<void> {
  const install = host.arm === 'cow' ? 6000 : 10_000;
  const samples = Array.from({ length: 3 }, () => ({
    id: `d-${++counter}`,
    kind: 'package_transaction',
    observedAt: new Date().toISOString(),
    values: [
      { metric: 'install_duration_ms', value: Math.round(install * (1 + 0.05 * next())) },
      { metric: 'disk_used_delta_bytes', value: Math.round(diskBytes * (1 + 0.02 * next())) },
    ],
    context: { action: 'upgrade', packages: 12 },
  }));
  const answer = await server.gql(INGEST, { batch: { samples } }, host.token);
  expect(answer.data?.ingestSamples.accepted).toBe(3);
}

async function experiment() {
  const answer = await server.gql(DECISION, { slug: SLUG });
  expect(answer.errors).toBeUndefined();
  return answer.data!.experiment;
}

beforeAll(async () => {
  server = await startTestServer({ FLEETLAB_WEBHOOK_INTERVAL_MS: '50' });
  receiver = await WebhookReceiver.start();
  db = new pg.Client({ connectionString: server.db.url });
  await db.connect();
  await server.gql(CREATE_CHANGE, { input: { slug: 'rpm-cow', title: 'RPM CoW' } });
  const created = await server.gql(CREATE_EXPERIMENT, {
    input: {
      changeSlug: 'rpm-cow',
      slug: SLUG,
      title: 'Guarded',
      autoHalt: true,
      arms: [
        { key: 'baseline', weight: 1, baseline: true },
        { key: 'cow', weight: 1, baseline: false },
      ],
      metrics: [
        { metric: 'install_duration_ms', role: 'PRIMARY', margin: 0.02 },
        { metric: 'disk_used_delta_bytes', role: 'GUARDRAIL', margin: 0.1 },
      ],
    },
  });
  expect(created.errors).toBeUndefined();
  await fixSplit(server.db.url, SLUG);
  const webhook = await server.gql(
    `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { signingSecret } }`,
    { input: { name: 'ops', url: receiver.url(), format: 'GENERIC', experimentSlug: SLUG } },
  );
  receiver.secret = webhook.data!.createWebhook.signingSecret as string;
  expect((await server.gql(START, { slug: SLUG })).errors).toBeUndefined();
  const secret = await createSecret(server);
  for (let i = 0; i < 40; i++) {
    const enrolled = await server.gql(ENROLL, {
      input: {
        enrollSecret: secret,
        machineIdHash: machineIdHash(`decisions-${i}`),
        hostname: `host-${i}`,
        facts: { arch: 'x86_64', rootFsType: 'xfs' },
      },
    });
    const token = enrolled.data!.enrollHost.token as string;
    const joined = await server.gql(OPT_IN, { slug: SLUG }, token);
    hosts.push({
      id: enrolled.data!.enrollHost.host.id as string,
      token,
      facts: {},
      arm: joined.data!.optIn.arm.key as string,
    });
  }
});

afterAll(async () => {
  await db.end();
  await server.close();
  await receiver.close();
});

describe('the decision of an experiment', () => {
  it('keeps running with no data, naming what is not settled', async () => {
    await server.folded();
    const { status, decision } = await experiment();
    expect(status).toBe('RUNNING');
    expect(decision).toMatchObject({ decision: 'KEEP_RUNNING', benefits: [], costs: [] });
  });

  it('ships a faster install with disk use within its margin, and does not halt', async () => {
    // Both arms of the fixed split have enough hosts to judge.
    expect(hosts.filter((h) => h.arm === 'cow').length).toBeGreaterThanOrEqual(12);
    expect(hosts.filter((h) => h.arm === 'baseline').length).toBeGreaterThanOrEqual(12);
    for (const host of hosts) await report(host, 1_000_000);
    await server.folded();
    const { status, decision } = await experiment();
    expect(status).toBe('RUNNING');
    expect(decision.decision).toBe('SHIP');
    expect(decision.benefits.map((b: { metric: string }) => b.metric)).toEqual([
      'install_duration_ms',
    ]);
    expect(decision.headline).toMatch(
      /^Ship\. Benefits: Install time 40(\.\d)?% lower \(better\)\.$/,
    );
  });

  it('halts itself in the fold that makes a guardrail worse beyond its margin, audited with the figures', async () => {
    // Treatment hosts now use three times the disk: their means double, +100% > 10%.
    for (const host of hosts.filter((h) => h.arm === 'cow')) await report(host, 3_000_000);
    await server.folded();

    const halted = await experiment();
    expect(halted.status).toBe('HALTED');
    expect(halted.decision.decision).toBe('ROLL_BACK');
    expect(halted.decision.failedGuardrails).toEqual([
      expect.objectContaining({
        metric: 'disk_used_delta_bytes',
        title: 'Disk used change',
        role: 'GUARDRAIL',
        margin: 0.1,
        beyondMargin: true,
      }),
    ]);
    expect(halted.haltReason).toMatch(
      /^Roll back\. Costs: Disk used change \d+(\.\d)?% higher \(worse, beyond its 10% margin\)\. Benefits: Install time/,
    );
    expect(halted.haltedAt).not.toBeNull();

    const audit = await db.query<{
      actor_kind: string;
      actor_name: string;
      detail: Record<string, unknown>;
    }>(
      `SELECT actor_kind, actor_name, detail FROM audit_event WHERE action = 'haltExperiment' AND target = $1`,
      [SLUG],
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]).toMatchObject({ actor_kind: 'SYSTEM', actor_name: 'fleetlab' });
    expect(audit.rows[0]!.detail).toMatchObject({
      automatic: true,
      decision: 'ROLL_BACK',
      failedGuardrails: [expect.objectContaining({ metric: 'disk_used_delta_bytes' })],
    });

    // Hosts learn it: opting in is refused, saying why.
    const refused = await server.gql(OPT_IN, { slug: SLUG }, hosts[0]!.token);
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0]!.message).toMatch(
      /is halted; hosts can opt in only while it is running; it halted: Roll back\./,
    );

    // Later samples fold nowhere and halt nothing again.
    await report(hosts[0]!, 3_000_000);
    await server.folded();
    expect(
      (await db.query(`SELECT 1 FROM audit_event WHERE action = 'haltExperiment'`)).rowCount,
    ).toBe(1);

    // Exactly one alert, signed, saying what halted it.
    await receiver.waitFor('the HALTED alert', () => receiver.ofEvent('HALTED').length === 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The decision to ship alerted once when it came; "keep running" before it did not.
    expect(receiver.received.map((r) => r.event)).toEqual(['DECISION_CHANGED', 'HALTED']);
    expect(receiver.ofEvent('DECISION_CHANGED')[0]!.body.sentence).toMatch(
      /^"Guarded": Ship\. Benefits: Install time/,
    );
    expect(receiver.duplicates).toEqual([]);
    const [alert] = receiver.ofEvent('HALTED');
    expect(alert!.verified).toBe(true);
    expect(alert!.body.sentence).toMatch(
      /^"Guarded" halted itself\. Roll back\. Costs: Disk used change \d+(\.\d)?% higher \(worse, beyond its 10% margin\)\..* Hosts go back to the stock stack\.$/,
    );
    expect(alert!.body.figures).toMatchObject({
      decision: 'ROLL_BACK',
      by: 'Fleetlab',
      failedGuardrails: [expect.objectContaining({ metric: 'disk_used_delta_bytes', margin: 0.1 })],
    });
  });

  it('is lifted by its owner starting it again, and does not halt again while switched off', async () => {
    const off = await server.gql(
      `mutation { setAutoHalt(experimentSlug: "${SLUG}", enabled: false) { autoHalt } }`,
    );
    expect(off.data).toEqual({ setAutoHalt: { autoHalt: false } });
    const lifted = await server.gql(START, { slug: SLUG });
    expect(lifted.data!.startExperiment.status).toBe('RUNNING');
    for (const host of hosts.filter((h) => h.arm === 'cow')) await report(host, 3_000_000);
    await server.folded();
    const after = await experiment();
    expect(after).toMatchObject({ status: 'RUNNING', haltedAt: null, haltReason: null });
    expect(after.decision.decision).toBe('ROLL_BACK');
    await receiver.waitFor('the RESUMED alert', () => receiver.ofEvent('RESUMED').length === 1);
    expect(receiver.ofEvent('RESUMED')[0]!.body.sentence).toMatch(/lifting its halt/);
    expect(receiver.ofEvent('HALTED')).toHaveLength(1);
    // Not halting now, it says the guardrail is worse instead, once however many folds see it.
    await receiver.waitFor(
      'the guardrail alert',
      () => receiver.ofEvent('GUARDRAIL_WORSE').length === 1,
    );
    for (const host of hosts.filter((h) => h.arm === 'cow')) await report(host, 3_000_000);
    await server.folded();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const [worse, ...again] = receiver.ofEvent('GUARDRAIL_WORSE');
    expect(again).toEqual([]);
    expect(worse!.body.sentence).toMatch(
      /^"Guarded": guardrail Disk used change \d+(\.\d)?% higher \(worse, beyond its 10% margin\) in cow\.$/,
    );
    expect(worse!.body).toMatchObject({
      subject: 'disk_used_delta_bytes:cow',
      state: 'WORSE_BEYOND_MARGIN',
    });
  });

  it('can be halted by its owner with a reason, and refuses what a halt does not allow', async () => {
    const halted = await server.gql(
      `mutation { haltExperiment(slug: "${SLUG}", reason: "Disk use doubled on the canary hosts.") { status haltReason } }`,
    );
    expect(halted.data).toEqual({
      haltExperiment: { status: 'HALTED', haltReason: 'Disk use doubled on the canary hosts.' },
    });
    const pause = await server.gql(`mutation { pauseExperiment(slug: "${SLUG}") { status } }`);
    expect(errorCode(pause)).toBe('BAD_USER_INPUT');
    expect(pause.errors![0]!.message).toMatch(/is halted, which stops more than a pause/);
    const concluded = await server.gql(
      `mutation { concludeExperiment(slug: "${SLUG}") { status } }`,
    );
    expect(concluded.data).toEqual({ concludeExperiment: { status: 'CONCLUDED' } });
    await receiver.waitFor('the alerts', () => receiver.ofEvent('CONCLUDED').length === 1);
    expect(receiver.ofEvent('HALTED').map((r) => r.body.sentence)).toEqual([
      expect.stringMatching(/halted itself/),
      '"Guarded" was halted by local-admin: Disk use doubled on the canary hosts. Hosts go back to the stock stack.',
    ]);
  });
});
