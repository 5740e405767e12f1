// Delivering alerts when things go wrong: a receiver down for a while (refusing
// connections, then answering 500), one that never comes back, one that redirects, a
// webhook disabled with deliveries waiting, a server stopped between the event and its
// delivery, a replica that dies holding a claim, and two replicas on one database.
// Each receiver counts every Fleetlab-Delivery id once and checks every signature.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { CLAIM_DUE_SQL } from '@fleetlab/server/alerts/alerts.queries.js';
import {
  COW_EXPERIMENT,
  CREATE_CHANGE,
  CREATE_EXPERIMENT,
  PAUSE,
  START,
} from '../support/operations.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { must, startTestServer, type TestServer } from '../support/test-server.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

const SLUG = COW_EXPERIMENT.slug;
const FAST_RETRIES = {
  FLEETLAB_WEBHOOK_INTERVAL_MS: '50',
  FLEETLAB_WEBHOOK_RETRY_MIN_MS: '50',
  FLEETLAB_WEBHOOK_RETRY_MAX_MS: '300',
  FLEETLAB_WEBHOOK_TIMEOUT_MS: '2000',
};
const HISTORY = `query {
  webhooks {
    id
    deliveries(first: 20) {
      id status attempts lastStatusCode lastError finishedAt
      event { type occurredAt }
      tries { attempt statusCode error }
    }
  }
}`;

interface Delivery {
  id: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  finishedAt: string | null;
  event: { type: string; occurredAt: string };
  tries: { attempt: number; statusCode: number | null; error: string | null }[];
}

/** The RPM CoW change and its experiment, running (local mode: the local admin). */
async function startExperiment(server: TestServer): Promise<void> {
  must(await server.gql(CREATE_CHANGE, { input: { slug: 'rpm-cow', title: 'RPM CoW' } }));
  must(await server.gql(CREATE_EXPERIMENT, { input: COW_EXPERIMENT }));
  must(await server.gql(START, { slug: SLUG }));
}

/** Pauses and starts the experiment again: one RESUMED alert. */
async function resume(server: TestServer): Promise<void> {
  must(await server.gql(PAUSE, { slug: SLUG }));
  must(await server.gql(START, { slug: SLUG }));
}

/** A GENERIC webhook for the experiment, posting to `receiver`, which learns its secret. */
async function addWebhook(server: TestServer, receiver: WebhookReceiver): Promise<string> {
  const created = must(
    await server.gql(
      `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { signingSecret webhook { id } } }`,
      { input: { name: 'ops', url: receiver.url(), format: 'GENERIC', experimentSlug: SLUG } },
    ),
  ).createWebhook;
  receiver.secret = created.signingSecret as string;
  return created.webhook.id as string;
}

async function deliveries(server: TestServer, webhookId: string): Promise<Delivery[]> {
  const all = must(await server.gql(HISTORY)).webhooks as { id: string; deliveries: Delivery[] }[];
  return all.find((w) => w.id === webhookId)!.deliveries;
}

async function waitForHistory(
  what: string,
  server: TestServer,
  webhookId: string,
  check: (deliveries: Delivery[]) => boolean,
): Promise<Delivery[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const found = await deliveries(server, webhookId);
    if (check(found)) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function sql(url: string, text: string, params: unknown[] = []): Promise<unknown[]> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    return (await db.query(text, params)).rows;
  } finally {
    await db.end();
  }
}

/** Gives deliveries time to go out, so that a test can say nothing more came. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 500));

describe('one server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(FAST_RETRIES);
    await startExperiment(server);
  });
  afterEach(async () => {
    // Each test's receiver is gone: its webhooks would be retried for the rest of the file.
    await sql(server.db.url, 'DELETE FROM webhook');
  });
  afterAll(async () => {
    await server?.close();
  });

  it('a receiver down for a while gets each event exactly once afterwards, in order', async () => {
    const receiver = await WebhookReceiver.start();
    try {
      const webhookId = await addWebhook(server, receiver);
      await receiver.setMode('down');
      for (let i = 0; i < 3; i++) await resume(server);
      await waitForHistory(
        'tries refused',
        server,
        webhookId,
        ([, , first]) =>
          (first?.tries ?? []).filter((t) => /connection refused/.test(t.error ?? '')).length >= 2,
      );
      await receiver.setMode('failing');
      await receiver.waitFor('tries answered 500', () => receiver.failedRequests >= 2);
      await receiver.setMode('up');
      await receiver.waitFor('the three events', () => receiver.received.length === 3);
      await settle();

      expect(receiver.duplicates).toEqual([]);
      expect(receiver.refused).toEqual([]);
      expect(receiver.received.every((r) => r.verified && r.event === 'RESUMED')).toBe(true);
      const occurred = receiver.received.map((r) => r.body.occurredAt as string);
      expect(occurred).toEqual([...occurred].sort());

      const history = await deliveries(server, webhookId);
      expect(history.map((d) => d.status)).toEqual(['DELIVERED', 'DELIVERED', 'DELIVERED']);
      const first = history[2]!;
      expect(first.tries.map((t) => t.error ?? `${t.statusCode}`)).toEqual(
        expect.arrayContaining(['connection refused (ECONNREFUSED)', 'HTTP 500', '204']),
      );
      expect(first.tries.at(-1)).toMatchObject({ statusCode: 204, error: null });
      // The later two waited behind it: one try each, once the receiver was back.
      expect(history.slice(0, 2).map((d) => d.tries.map((t) => t.statusCode))).toEqual([
        [204],
        [204],
      ]);
      expect(first.tries.map((t) => t.attempt)).toEqual(first.tries.map((_, i) => i + 1));
      expect(first.attempts).toBe(first.tries.length);
    } finally {
      await receiver.close();
    }
  });

  it('does not hold later events up behind one the receiver refuses (4xx)', async () => {
    const receiver = await WebhookReceiver.start();
    try {
      const webhookId = await addWebhook(server, receiver);
      const secret = receiver.secret;
      receiver.secret = 'flw_not-the-one'; // the receiver refuses every signature with 400
      await resume(server);
      await waitForHistory('a refused try', server, webhookId, ([d]) => d?.lastStatusCode === 400);
      receiver.secret = secret;
      await resume(server);
      await receiver.waitFor('both events', () => receiver.received.length === 2);
      const [later, refused] = await deliveries(server, webhookId);
      expect(refused!.tries[0]).toMatchObject({ statusCode: 400, error: 'HTTP 400' });
      expect(later!.tries).toEqual([{ attempt: 1, statusCode: 204, error: null }]);
      expect(receiver.duplicates).toEqual([]);
    } finally {
      await receiver.close();
    }
  });

  it('gives up on a receiver still failing a day after the event, and says why', async () => {
    const receiver = await WebhookReceiver.start();
    try {
      const webhookId = await addWebhook(server, receiver);
      await receiver.setMode('failing');
      await resume(server);
      await receiver.waitFor('a failed try', () => receiver.failedRequests >= 1);
      // The day passes: the event is made older than FLEETLAB_WEBHOOK_MAX_AGE_HOURS (24).
      await sql(
        server.db.url,
        `UPDATE alert_delivery SET created_at = now() - interval '25 hours' WHERE webhook_id = $1`,
        [webhookId],
      );
      const [given] = await waitForHistory(
        'the delivery given up',
        server,
        webhookId,
        ([d]) => d?.status === 'FAILED',
      );
      expect(given).toMatchObject({ lastStatusCode: 500, lastError: 'HTTP 500' });
      expect(given!.finishedAt).not.toBeNull();
      const tries = receiver.failedRequests;
      await settle();
      expect(receiver.failedRequests).toBe(tries);
    } finally {
      await receiver.close();
    }
  });

  it('sends nothing that waited for a webhook disabled meanwhile', async () => {
    const receiver = await WebhookReceiver.start();
    try {
      const webhookId = await addWebhook(server, receiver);
      await receiver.setMode('down');
      await resume(server);
      await waitForHistory('a try', server, webhookId, ([d]) => (d?.attempts ?? 0) >= 1);
      must(
        await server.gql(
          `mutation($id: ID!) { updateWebhook(id: $id, input: { active: false }) { active } }`,
          { id: webhookId },
        ),
      );
      // Cancelled at once; a try under way meanwhile is still recorded.
      const [cancelled] = await deliveries(server, webhookId);
      expect(cancelled!.status).toBe('CANCELLED');
      expect(cancelled!.finishedAt).not.toBeNull();
      await receiver.setMode('up');
      await settle();
      expect(receiver.received).toEqual([]);
    } finally {
      await receiver.close();
    }
  });

  it('does not follow a redirect, which could lead anywhere', async () => {
    let followed = 0;
    const target = http.createServer((_req, res) => {
      followed++;
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const location = `http://127.0.0.1:${(target.address() as AddressInfo).port}/`;
    const redirecting = http.createServer((_req, res) => {
      res.writeHead(307, { location }).end();
    });
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = redirecting.address() as AddressInfo;
      const created = must(
        await server.gql(
          `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { id } } }`,
          {
            input: {
              name: 'moved',
              url: `http://127.0.0.1:${port}/`,
              format: 'SLACK',
              experimentSlug: SLUG,
            },
          },
        ),
      ).createWebhook.webhook.id as string;
      must(
        await server.gql(`mutation($id: ID!) { sendWebhookTest(id: $id) { id } }`, { id: created }),
      );
      const [tried] = await waitForHistory(
        'a try',
        server,
        created,
        ([d]) => (d?.attempts ?? 0) >= 1,
      );
      expect(tried!.lastStatusCode).toBe(307);
      expect(tried!.lastError).toMatch(/a redirect, which webhooks do not follow/);
      expect(followed).toBe(0);
    } finally {
      target.close();
      redirecting.close();
    }
  });
});

describe('servers on one database', () => {
  let db: TestDatabase;
  let receiver: WebhookReceiver;
  const running: TestServer[] = [];

  async function replica(env: Record<string, string> = FAST_RETRIES): Promise<TestServer> {
    const server = await startTestServer(env, db);
    running.push(server);
    return server;
  }

  async function stop(server: TestServer): Promise<void> {
    running.splice(running.indexOf(server), 1);
    await server.close();
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    receiver = await WebhookReceiver.start();
  });
  afterAll(async () => {
    for (const server of running) await server.close();
    await receiver?.close();
    await db?.drop();
  });

  it('a server stopped after the event committed, before delivering it, delivers it when it starts again', async () => {
    // Delivering off: as if it died the moment the event committed.
    const first = await replica({ ...FAST_RETRIES, FLEETLAB_WEBHOOK_INTERVAL_MS: '0' });
    await startExperiment(first);
    await addWebhook(first, receiver);
    await resume(first);
    expect(
      await sql(
        db.url,
        `SELECT status, attempts FROM alert_delivery d JOIN alert_event e ON e.id = d.event_id WHERE e.type = 'RESUMED'`,
      ),
    ).toEqual([{ status: 'PENDING', attempts: 0 }]);
    await stop(first);
    expect(receiver.received).toEqual([]);

    const again = await replica();
    await receiver.waitFor('the event', () => receiver.received.length === 1);
    await settle();
    expect(receiver.received.map((r) => r.event)).toEqual(['RESUMED']);
    expect(receiver.duplicates).toEqual([]);
    await stop(again);
  });

  it('a replica that dies holding a claim: the claim runs out and another delivers, once', async () => {
    const quiet = await replica({ ...FAST_RETRIES, FLEETLAB_WEBHOOK_INTERVAL_MS: '0' });
    await resume(quiet);
    // What a replica does before it posts: claim the delivery, leased, committed. Then it dies.
    const claimed = await sql(db.url, CLAIM_DUE_SQL, [1500, 20]);
    expect(claimed).toHaveLength(1);
    await stop(quiet);

    const survivor = await replica();
    await receiver.waitFor('the claimed event', () => receiver.received.length === 2);
    await settle();
    expect(receiver.duplicates).toEqual([]);
    const [delivered] = await sql(
      db.url,
      `SELECT attempts, status FROM alert_delivery WHERE id = $1`,
      [(claimed[0] as { id: string }).id],
    );
    expect(delivered).toEqual({ attempts: 1, status: 'DELIVERED' });
    await stop(survivor);
  });

  it('two replicas deliver each of many events once', async () => {
    const one = await replica({ ...FAST_RETRIES, FLEETLAB_WEBHOOK_INTERVAL_MS: '10' });
    const two = await replica({ ...FAST_RETRIES, FLEETLAB_WEBHOOK_INTERVAL_MS: '10' });
    receiver.answerDelayMs = 30;
    const before = receiver.received.length;
    const [webhook] = (await sql(db.url, `SELECT id FROM webhook`)) as { id: string }[];
    for (let i = 0; i < 8; i++) {
      const via = i % 2 === 0 ? one : two;
      await resume(via);
      must(
        await via.gql(`mutation($id: ID!) { sendWebhookTest(id: $id) { id } }`, {
          id: webhook!.id,
        }),
      );
    }
    await receiver.waitFor('16 more events', () => receiver.received.length === before + 16);
    await settle();
    expect(receiver.duplicates).toEqual([]);
    expect(receiver.refused).toEqual([]);
    expect(
      await sql(db.url, `SELECT status, count(*)::int AS n FROM alert_delivery GROUP BY status`),
    ).toEqual([{ status: 'DELIVERED', n: before + 16 }]);
  });
});
