// Webhooks through the API, with FLEETLAB_AUTH=tokens: who may manage them, what bad
// input gets, what a receiver on loopback gets (signed GENERIC bodies, Slack and
// Matrix messages), and the no-noise rules of AlertsService.emit, the API other code
// alerts through. Receivers that are down, restarts and replicas: alert-delivery.test.ts.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { AlertsService, type AlertInput } from '@fleetlab/server/alerts/alerts.service.js';
import { enrollHosts } from '../support/fleet.js';
import {
  COW_EXPERIMENT,
  CONCLUDE,
  CREATE_CHANGE,
  CREATE_EXPERIMENT,
  CREATE_SECRET,
  OPT_IN,
  PAUSE,
  START,
} from '../support/operations.js';
import {
  errorCode,
  startTestServer,
  type GraphQLResponse,
  type TestServer,
  must,
} from '../support/test-server.js';
import { personToken } from '../support/people.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

const ADMIN_TOKEN = `flp_${randomBytes(24).toString('hex')}`;
const SLUG = 'olgas-cow';
const OTHER_SLUG = 'ottos-cow';

const CREATE_WEBHOOK = `mutation($input: CreateWebhookInput!) {
  createWebhook(input: $input) { signingSecret webhook { id name destination format experimentSlug events active signed createdBy } }
}`;
const UPDATE_WEBHOOK = `mutation($id: ID!, $input: UpdateWebhookInput!) {
  updateWebhook(id: $id, input: $input) { id name active events destination }
}`;
const DELETE_WEBHOOK = `mutation($id: ID!) { deleteWebhook(id: $id) }`;
const SEND_TEST = `mutation($id: ID!) { sendWebhookTest(id: $id) { id status event { type sentence } } }`;
const WEBHOOKS = `query($slug: String) {
  webhooks(experimentSlug: $slug) {
    id name experimentSlug active
    deliveries(first: 10) {
      id status attempts lastStatusCode lastError nextAttemptAt finishedAt
      event { type sentence experimentSlug subject state figures occurredAt }
      tries { attempt statusCode error durationMs startedAt }
    }
  }
}`;

type Who = 'admin' | 'olga' | 'otto' | 'vera';
let server: TestServer;
let receiver: WebhookReceiver;
const tokens = {} as Record<Who, string>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as TestServer.gql: tests assert on loose data
function as<T = Record<string, any>>(
  who: Who,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLResponse<T>> {
  return server.gql<T>(query, variables, tokens[who]);
}

const person = (name: string, role: string): Promise<string> =>
  personToken(server, tokens.admin, name, role);

/** Pauses and starts the experiment again: one RESUMED alert. */
async function resume(who: Who, slug = SLUG): Promise<void> {
  must(await as(who, PAUSE, { slug }));
  must(await as(who, START, { slug }));
}

async function createWebhook(who: Who, input: Record<string, unknown>) {
  return must(await as(who, CREATE_WEBHOOK, { input })).createWebhook as {
    signingSecret: string | null;
    webhook: { id: string; destination: string; signed: boolean; events: string[] };
  };
}

async function webhook(id: string, who: Who = 'admin') {
  const all = must(await as(who, WEBHOOKS)).webhooks as {
    id: string;
    active: boolean;
    deliveries: {
      status: string;
      attempts: number;
      lastStatusCode: number | null;
      lastError: string | null;
      event: { type: string; sentence: string };
      tries: { attempt: number; statusCode: number | null; error: string | null }[];
    }[];
  }[];
  return all.find((w) => w.id === id)!;
}

async function emit(input: Omit<AlertInput, 'experimentId'>, slug = SLUG) {
  const dataSource = server.app.get(DataSource);
  const [experiment] = await dataSource.query<{ id: string }[]>(
    'SELECT id FROM experiment WHERE slug = $1',
    [slug],
  );
  return dataSource.transaction((manager) =>
    server.app.get(AlertsService).emit(manager, { ...input, experimentId: experiment!.id }),
  );
}

async function dump(sql: string): Promise<string> {
  const db = new pg.Client({ connectionString: server.db.url });
  await db.connect();
  try {
    return (await db.query<{ row: string }>(sql)).rows.map((r) => r.row).join('\n');
  } finally {
    await db.end();
  }
}

/** Gives the deliveries time to go out, so that a test can say nothing more came. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 400));

beforeAll(async () => {
  server = await startTestServer({
    FLEETLAB_AUTH: 'tokens',
    FLEETLAB_ADMIN_TOKEN: ADMIN_TOKEN,
    FLEETLAB_PERSON_REQUESTS_PER_MINUTE: '100000',
    FLEETLAB_HOST_REQUESTS_PER_MINUTE: '100000',
    FLEETLAB_WEBHOOK_INTERVAL_MS: '50',
    FLEETLAB_WEBHOOK_RETRY_MIN_MS: '50',
    FLEETLAB_WEBHOOK_RETRY_MAX_MS: '200',
    FLEETLAB_PUBLIC_URL: 'https://fleetlab.example.org',
  });
  receiver = await WebhookReceiver.start();
  tokens.admin = ADMIN_TOKEN;
  tokens.olga = await person('olga', 'OWNER');
  tokens.otto = await person('otto', 'OWNER');
  tokens.vera = await person('vera', 'VIEWER');
  must(await as('olga', CREATE_CHANGE, { input: { slug: 'rpm-cow', title: 'RPM copy-on-write' } }));
  must(
    await as('olga', CREATE_EXPERIMENT, {
      input: { ...COW_EXPERIMENT, slug: SLUG, title: 'RPM CoW on Olga’s hosts', targeting: [] },
    }),
  );
  must(await as('otto', CREATE_EXPERIMENT, { input: { ...COW_EXPERIMENT, slug: OTHER_SLUG } }));
  must(await as('olga', START, { slug: SLUG }));
  must(await as('otto', START, { slug: OTHER_SLUG }));
});

afterAll(async () => {
  await receiver?.close();
  await server?.close();
});

describe('a GENERIC webhook', () => {
  let id: string;
  let secret: string;

  it('is created by the experiment’s owner, with a signing secret shown once', async () => {
    const created = await createWebhook('olga', {
      name: 'olga’s receiver',
      url: receiver.url('/fleetlab/s3cr3t-path'),
      format: 'GENERIC',
      experimentSlug: SLUG,
      events: ['RESUMED', 'CONCLUDED', 'GUARDRAIL_WORSE'],
    });
    expect(created.signingSecret).toMatch(/^flw_[A-Za-z0-9_-]{43}$/);
    expect(created.webhook).toMatchObject({
      destination: receiver.url('/…'),
      signed: true,
      events: ['RESUMED', 'CONCLUDED', 'GUARDRAIL_WORSE'],
    });
    id = created.webhook.id;
    secret = created.signingSecret!;
    receiver.secret = secret;
    // Never shown again: the list has no field for it, nor the path where services keep theirs.
    const listed = JSON.stringify(must(await as('olga', WEBHOOKS)));
    expect(listed).not.toContain(secret);
    expect(listed).not.toContain('s3cr3t-path');
  });

  it('delivers a resumed experiment once, signed, with what happened and a link', async () => {
    await resume('olga');
    await receiver.waitFor('the RESUMED alert', () => receiver.ofEvent('RESUMED').length === 1);
    const [got] = receiver.ofEvent('RESUMED');
    expect(got!.verified).toBe(true);
    expect(got!.body).toMatchObject({
      deliveryId: got!.deliveryId,
      type: 'RESUMED',
      sentence:
        '"RPM CoW on Olga’s hosts" was resumed by olga: hosts may opt in again and their samples count again.',
      experiment: {
        slug: SLUG,
        title: 'RPM CoW on Olga’s hosts',
        status: 'RUNNING',
        url: `https://fleetlab.example.org/experiments/${SLUG}`,
      },
      change: { slug: 'rpm-cow', title: 'RPM copy-on-write' },
      figures: { fromStatus: 'PAUSED', toStatus: 'RUNNING', by: 'olga' },
    });
    expect(Date.now() - Date.parse(got!.body.occurredAt as string)).toBeLessThan(60_000);
    expect(got!.headers['content-type']).toBe('application/json');

    const history = await webhook(id, 'olga');
    await settle();
    expect(receiver.duplicates).toEqual([]);
    expect(history.deliveries[0]).toMatchObject({
      status: 'DELIVERED',
      attempts: 1,
      lastStatusCode: 204,
      lastError: null,
      event: { type: 'RESUMED' },
      tries: [{ attempt: 1, statusCode: 204, error: null }],
    });
  });

  it('is refused by a receiver when the body or the time is not what was signed', async () => {
    const { verify } = await import('../support/webhook-receiver.js');
    const [got] = receiver.ofEvent('RESUMED');
    const header = String(got!.headers['fleetlab-signature']);
    const body = JSON.stringify(got!.body);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verify(secret, header, body.replace('RESUMED', 'HALTED'))).toBe(false);
    expect(verify('flw_someone-else', header, body)).toBe(false);
    // Replayed ten minutes later: stale, refused, however good the signature.
    expect(verify(secret, header, body, Date.now() + 10 * 60_000)).toBe(false);
  });

  it('gets a TEST event on demand, and only the events it subscribed to', async () => {
    const test = must(await as('olga', SEND_TEST, { id })).sendWebhookTest;
    expect(test).toMatchObject({ status: 'PENDING', event: { type: 'TEST' } });
    await receiver.waitFor('the TEST delivery', () => receiver.ofEvent('TEST').length === 1);
    expect(receiver.ofEvent('TEST')[0]!.body.sentence).toMatch(/A test from Fleetlab/);
    await resume('otto', OTHER_SLUG); // another experiment's
    must(await as('olga', PAUSE, { slug: SLUG })); // pausing does not alert
    must(await as('olga', START, { slug: SLUG }));
    await receiver.waitFor('the second RESUMED', () => receiver.ofEvent('RESUMED').length === 2);
    await settle();
    expect(
      receiver.received.map(
        (r) => r.body.experiment && (r.body.experiment as { slug: string }).slug,
      ),
    ).not.toContain(OTHER_SLUG);
  });

  it('sends nothing while disabled but a test, and alerts again once enabled', async () => {
    const before = receiver.received.length;
    must(await as('olga', UPDATE_WEBHOOK, { id, input: { active: false } }));
    await resume('olga');
    await settle();
    expect(receiver.received.length).toBe(before);
    // A receiver can be tried before the webhook is turned on.
    must(await as('olga', SEND_TEST, { id }));
    await receiver.waitFor('the test while off', () => receiver.ofEvent('TEST').length === 2);
    const enabled = must(await as('olga', UPDATE_WEBHOOK, { id, input: { active: true } }));
    expect(enabled.updateWebhook.active).toBe(true);
    await resume('olga');
    await receiver.waitFor(
      'the alert after enabling',
      () => receiver.ofEvent('RESUMED').length === 3,
    );
    expect(receiver.received.length).toBe(before + 2);
  });

  it('keeps its secret and its URL’s path out of the audit log and the database’s other tables', async () => {
    const audit = await dump(
      `SELECT detail::text AS row FROM audit_event WHERE action IN ('createWebhook', 'updateWebhook')`,
    );
    expect(audit).toContain(`"url": "http://127.0.0.1:`);
    expect(audit).not.toContain('s3cr3t-path');
    const everything = await dump(`
      SELECT e::text AS row FROM audit_event e UNION ALL SELECT a::text FROM alert_event a
      UNION ALL SELECT d::text FROM alert_delivery d UNION ALL SELECT t::text FROM alert_delivery_attempt t`);
    expect(everything).not.toContain(secret);
  });
});

describe('Slack and Matrix webhooks', () => {
  it('get their own bodies, with the same sentence, unsigned', async () => {
    const slack = await WebhookReceiver.start();
    const matrix = await WebhookReceiver.start();
    let forMatrix: string | undefined;
    try {
      const forSlack = await createWebhook('admin', {
        name: 'slack',
        url: slack.url(),
        format: 'SLACK',
        experimentSlug: SLUG,
        events: ['CONCLUDED'],
      });
      expect(forSlack.signingSecret).toBeNull();
      expect(forSlack.webhook.signed).toBe(false);
      forMatrix = (
        await createWebhook('admin', { name: 'matrix', url: matrix.url(), format: 'MATRIX' })
      ).webhook.id;
      must(await as('olga', PAUSE, { slug: SLUG }));
      must(await as('olga', CONCLUDE, { slug: SLUG }));
      await slack.waitFor('the Slack message', () => slack.received.length === 1);
      await matrix.waitFor('the Matrix message', () => matrix.ofEvent('CONCLUDED').length === 1);
      const sentence =
        '"RPM CoW on Olga’s hosts" was concluded by olga: its results are final and it will not run again.';
      const { body: slackBody, headers } = slack.received[0]!;
      expect(headers['fleetlab-signature']).toBeUndefined();
      expect(headers['fleetlab-event']).toBe('CONCLUDED');
      expect(slackBody.text).toBe(
        `Concluded: ${sentence}\n<https://fleetlab.example.org/experiments/${SLUG}|RPM CoW on Olga’s hosts> (${SLUG}), change RPM copy-on-write`,
      );
      expect((slackBody.blocks as { text?: { text: string } }[])[0]!.text!.text).toBe(
        `*Concluded:* ${sentence}`,
      );
      const matrixBody = matrix.ofEvent('CONCLUDED')[0]!.body;
      expect(matrixBody).toMatchObject({ msgtype: 'm.text', format: 'org.matrix.custom.html' });
      expect(matrixBody.text).toContain(`Concluded: ${sentence}`);
      expect(matrixBody.html).toContain('<strong>Concluded:</strong>');
      expect(matrixBody.body).toBe(matrixBody.text);
    } finally {
      // Kept, disabled, as the webhook for every experiment the tests below need.
      if (forMatrix)
        must(await as('admin', UPDATE_WEBHOOK, { id: forMatrix, input: { active: false } }));
      await slack.close();
      await matrix.close();
    }
  });
});

describe('who may manage webhooks', () => {
  let ottos: string;
  let olgas: string;

  beforeAll(async () => {
    ottos = (
      await createWebhook('otto', {
        name: 'otto’s',
        url: receiver.url('/otto'),
        format: 'SLACK',
        experimentSlug: OTHER_SLUG,
      })
    ).webhook.id;
    olgas = (
      await createWebhook('olga', {
        name: 'olga’s slack',
        url: receiver.url('/olga'),
        format: 'SLACK',
        experimentSlug: SLUG,
      })
    ).webhook.id;
  });

  it('an owner: their own experiments’ only', async () => {
    const mine = must(await as('otto', WEBHOOKS)).webhooks as {
      id: string;
      experimentSlug: string;
    }[];
    expect(mine.map((w) => w.experimentSlug)).toEqual([OTHER_SLUG]);
    for (const [query, variables] of [
      [UPDATE_WEBHOOK, { id: olgas, input: { active: false } }],
      [DELETE_WEBHOOK, { id: olgas }],
      [SEND_TEST, { id: olgas }],
      [WEBHOOKS, { slug: SLUG }],
      [
        CREATE_WEBHOOK,
        { input: { name: 'x', url: receiver.url(), format: 'GENERIC', experimentSlug: SLUG } },
      ],
    ] as const) {
      const response = await as('otto', query, variables);
      expect(errorCode(response)).toBe('FORBIDDEN');
      expect(response.errors![0]!.message).toMatch(
        /owner \(olga\) or an admin may manage the webhooks of "olgas-cow"/,
      );
    }
    expect((await webhook(olgas)).active).toBe(true);
  });

  it('an owner: not one for every experiment, which is an admin’s', async () => {
    const response = await as('otto', CREATE_WEBHOOK, {
      input: { name: 'all', url: receiver.url(), format: 'GENERIC' },
    });
    expect(errorCode(response)).toBe('FORBIDDEN');
    expect(response.errors![0]!.extensions).toMatchObject({ reason: 'NOT_ADMIN' });
    const everyExperiment = (
      must(await as('admin', WEBHOOKS)).webhooks as { id: string; experimentSlug: string | null }[]
    ).find((w) => w.experimentSlug === null)!;
    expect(errorCode(await as('otto', DELETE_WEBHOOK, { id: everyExperiment.id }))).toBe(
      'FORBIDDEN',
    );
  });

  it('a viewer: none, not even to read', async () => {
    expect(errorCode(await as('vera', WEBHOOKS))).toBe('FORBIDDEN');
    expect(
      errorCode(
        await as('vera', CREATE_WEBHOOK, {
          input: { name: 'x', url: receiver.url(), format: 'GENERIC', experimentSlug: SLUG },
        }),
      ),
    ).toBe('FORBIDDEN');
  });

  it('an admin: any, and deleting one takes its history with it', async () => {
    const all = must(await as('admin', WEBHOOKS)).webhooks as { id: string }[];
    expect(all.map((w) => w.id)).toEqual(expect.arrayContaining([ottos, olgas]));
    expect(must(await as('admin', DELETE_WEBHOOK, { id: ottos })).deleteWebhook).toBe(ottos);
    expect(errorCode(await as('admin', SEND_TEST, { id: ottos }))).toBe('NOT_FOUND');
  });
});

describe('bad input', () => {
  const valid = {
    name: 'ok',
    url: 'https://hooks.example.org/x',
    format: 'GENERIC',
    experimentSlug: SLUG,
  };

  it.each([
    ['url', { url: 'hooks.example.org/x' }, /url is not a URL/],
    [
      'url',
      { url: 'ftp://example.org/hook' },
      /url must start with https:\/\/ or http:\/\/, not ftp:\/\//,
    ],
    ['url', { url: 'http://169.254.169.254/latest/meta-data/' }, /link-local, metadata/],
    ['url', { url: 'http://metadata.google.internal/' }, /cloud metadata service/],
    ['name', { name: '  ' }, /name of the webhook must be 1 to 200 characters/],
    ['events', { events: [] }, /events must name at least one event/],
    ['events', { events: ['RESUMED', 'TEST'] }, /events: TEST cannot be subscribed to/],
    [
      'experimentSlug',
      { experimentSlug: 'no-such-experiment' },
      /No experiment with slug "no-such-experiment"/,
    ],
    ['experimentSlug', { experimentSlug: 'Not A Slug' }, /experiment/],
  ])('refuses a bad %s, naming it, and stores nothing', async (field, change, message) => {
    const before = (must(await as('admin', WEBHOOKS)).webhooks as unknown[]).length;
    const response = await as('admin', CREATE_WEBHOOK, { input: { ...valid, ...change } });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.extensions!.field).toBe(field);
    expect(response.errors![0]!.message).toMatch(message);
    expect((must(await as('admin', WEBHOOKS)).webhooks as unknown[]).length).toBe(before);
  });

  it('refuses an unknown event type before anything runs, naming where it is', async () => {
    const response = await as('admin', CREATE_WEBHOOK, {
      input: { ...valid, events: ['RESUMED', 'EXPLODED'] },
    });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.message).toMatch(/input\.events\[1\].*EXPLODED.*AlertEventType/);
  });

  it('refuses a bad change, and leaves the webhook as it was', async () => {
    const { webhook: created } = await createWebhook('admin', valid);
    const response = await as('admin', UPDATE_WEBHOOK, {
      id: created.id,
      input: { name: 'renamed', url: 'gopher://example.org/' },
    });
    expect(response.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'url' });
    expect(
      (must(await as('admin', WEBHOOKS)).webhooks as { id: string; name: string }[]).find(
        (w) => w.id === created.id,
      )!.name,
    ).toBe('ok');
    expect(errorCode(await as('admin', UPDATE_WEBHOOK, { id: 'nope', input: {} }))).toBe(
      'NOT_FOUND',
    );
  });
});

describe('AlertsService.emit: no noise', () => {
  const NOISY = 'noisy-cow';
  let hook: WebhookReceiver;

  beforeAll(async () => {
    hook = await WebhookReceiver.start();
    must(
      await as('olga', CREATE_EXPERIMENT, {
        input: { ...COW_EXPERIMENT, slug: NOISY, targeting: [] },
      }),
    );
    must(await as('olga', START, { slug: NOISY }));
    await createWebhook('olga', {
      name: 'noise',
      url: hook.url(),
      format: 'SLACK',
      experimentSlug: NOISY,
      events: ['GUARDRAIL_WORSE', 'DECISION_CHANGED'],
    });
  });
  afterAll(async () => {
    await hook.close();
  });

  const worse: Omit<AlertInput, 'experimentId'> = {
    type: 'GUARDRAIL_WORSE',
    sentence: 'Disk used change is 12% worse in cow than in baseline, beyond the 10% margin.',
    figures: { relativeDiff: 0.12, margin: 0.1 },
    condition: { subject: 'disk_used_delta_bytes', state: 'WORSE' },
  };

  it('sends no evidence alert before every arm has its minimum of hosts', async () => {
    await expect(emit(worse, NOISY)).resolves.toEqual({ fired: false, reason: 'TOO_FEW_HOSTS' });
    const secret = must(await as('admin', CREATE_SECRET, { input: { name: 'noise' } }))
      .createEnrollSecret.secret as string;
    const hosts = await enrollHosts(server, secret, 16, () => ({ osId: 'centos', arch: 'x86_64' }));
    for (const host of hosts) must(await server.gql(OPT_IN, { slug: NOISY }, host.token));
    await server.folded();
    const fewest = Number(
      await dump(`SELECT min(n)::text AS row FROM (SELECT sum(hosts) n FROM enrollment_tally t JOIN experiment x ON x.id = t.experiment_id
                  WHERE x.slug = '${NOISY}' AND t.status = 'OPTED_IN' GROUP BY arm_id) a`),
    );
    expect(fewest).toBeGreaterThan(0);
    expect(fewest).toBeLessThan(10); // the default minimum: still too few
    await expect(emit(worse, NOISY)).resolves.toEqual({ fired: false, reason: 'TOO_FEW_HOSTS' });
    await expect(emit({ ...worse, minHostsPerArm: fewest + 1 }, NOISY)).resolves.toEqual({
      fired: false,
      reason: 'TOO_FEW_HOSTS',
    });
    await settle();
    expect(hook.received).toEqual([]);
    await expect(emit({ ...worse, minHostsPerArm: fewest }, NOISY)).resolves.toMatchObject({
      fired: true,
      deliveries: 1,
    });
    await hook.waitFor('the guardrail alert', () => hook.received.length === 1);
    expect(hook.received[0]!.body.text).toMatch(/^Guardrail worse: Disk used change is 12% worse/);
  });

  it('sends a flapping guardrail once: worse, no longer worse, worse again', async () => {
    const dataSource = server.app.get(DataSource);
    const alerts = server.app.get(AlertsService);
    const [experiment] = await dataSource.query<{ id: string }[]>(
      'SELECT id FROM experiment WHERE slug = $1',
      [NOISY],
    );
    const key = {
      experimentId: experiment!.id,
      type: 'GUARDRAIL_WORSE' as const,
      subject: 'disk_used_delta_bytes',
    };
    const outcomes: string[] = [];
    for (let fold = 0; fold < 6; fold++) {
      const result =
        fold % 2 === 1
          ? await dataSource.transaction((m) => alerts.clear(m, key)).then(() => 'cleared')
          : await emit({ ...worse, minHostsPerArm: 1 }, NOISY).then((r) =>
              r.fired ? 'FIRE' : r.reason,
            );
      outcomes.push(result);
    }
    // The first WORSE fired in the test before.
    expect(outcomes).toEqual([
      'SAME_STATE',
      'cleared',
      'FLAPPING',
      'cleared',
      'FLAPPING',
      'cleared',
    ]);
    await settle();
    expect(hook.received).toHaveLength(1);
  });

  it('sends a decision that changes, once per state, not once per fold', async () => {
    const decision = (state: string) =>
      emit(
        {
          type: 'DECISION_CHANGED',
          sentence: `The decision is now ${state}.`,
          condition: { subject: 'decision', state },
          minHostsPerArm: 1,
        },
        NOISY,
      );
    expect((await decision('KEEP_RUNNING')).fired).toBe(true);
    expect(await decision('KEEP_RUNNING')).toEqual({ fired: false, reason: 'SAME_STATE' });
    expect(await decision('SHIP')).toEqual({ fired: false, reason: 'COOLDOWN' });
    await hook.waitFor('the decision', () => hook.ofEvent('DECISION_CHANGED').length === 1);
    await settle();
    expect(hook.ofEvent('DECISION_CHANGED')).toHaveLength(1);
  });

  it('is all or nothing with the transaction that emits it', async () => {
    const dataSource = server.app.get(DataSource);
    const [experiment] = await dataSource.query<{ id: string }[]>(
      'SELECT id FROM experiment WHERE slug = $1',
      [NOISY],
    );
    await expect(
      dataSource.transaction(async (manager) => {
        const result = await server.app.get(AlertsService).emit(manager, {
          type: 'HEALTH_CHECK_FAILED',
          experimentId: experiment!.id,
          sentence: 'Sample ratio mismatch.',
          minHostsPerArm: 0,
        });
        expect(result.fired).toBe(true);
        throw new Error('the change that caused it failed');
      }),
    ).rejects.toThrow('the change that caused it failed');
    expect(
      await dump(
        `SELECT count(*)::text AS row FROM alert_event WHERE type = 'HEALTH_CHECK_FAILED'`,
      ),
    ).toBe('0');
  });
});
