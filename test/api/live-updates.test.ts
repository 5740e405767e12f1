import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { createSecret, enrollHosts, type EnrolledHost } from '../support/fleet.js';
import {
  CREATE_CHANGE,
  CREATE_EXPERIMENT,
  INGEST,
  OPT_IN,
  PAUSE,
  START,
} from '../support/operations.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

// Dashboards follow an experiment over graphql-ws: samples, opt-ins and status changes
// each reach a subscriber without polling.
const UPDATED = `subscription($slug: String!) { experimentUpdated(slug: $slug) { slug reasons at } }`;

interface Update {
  slug: string;
  reasons: string[];
  at: string;
}

let server: TestServer;
let client: Client;
let host: EnrolledHost;

beforeAll(async () => {
  server = await startTestServer();
  await server.gql(CREATE_CHANGE, { input: { slug: 'live', title: 'Live' } });
  await server.gql(CREATE_EXPERIMENT, {
    input: {
      changeSlug: 'live',
      slug: 'live-exp',
      title: 'Live',
      arms: [
        { key: 'baseline', weight: 1, baseline: true },
        { key: 'cow', weight: 1, baseline: false },
      ],
      metrics: [{ metric: 'install_duration_ms', role: 'PRIMARY', margin: 0.05 }],
    },
  });
  await server.gql(START, { slug: 'live-exp' });
  host = (
    await enrollHosts(server, await createSecret(server), 1, () => ({ rootFsType: 'xfs' }))
  )[0]!;
  client = createClient({
    url: server.url.replace(/^http/, 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    retryAttempts: 0,
  });
});
afterAll(async () => {
  await client.dispose();
  await server.close();
});

/** Subscribes, runs `act` once subscribed, and collects updates until `done` says so. */
function follow(slug: string, act: () => Promise<void>, done: (updates: Update[]) => boolean) {
  return new Promise<Update[]>((resolve, reject) => {
    const updates: Update[] = [];
    const timeout = setTimeout(
      () => reject(new Error(`no update after ${JSON.stringify(updates)}`)),
      10_000,
    );
    const stop = client.subscribe<{ experimentUpdated: Update }>(
      { query: UPDATED, variables: { slug } },
      {
        next: (message) => {
          if (message.errors) return reject(new Error(message.errors[0]!.message));
          updates.push(message.data!.experimentUpdated);
          if (done(updates)) {
            clearTimeout(timeout);
            stop();
            resolve(updates);
          }
        },
        error: (error) => {
          clearTimeout(timeout);
          reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
        },
        complete: () => undefined,
      },
    );
    // The subscription is registered once the server has the connection; a short
    // pause is enough on a local socket.
    setTimeout(() => void act().catch(reject), 300);
  });
}

const reasons = (updates: Update[]): Set<string> => new Set(updates.flatMap((u) => u.reasons));

describe('experimentUpdated', () => {
  it('tells a subscriber that a host opted in and sent samples', async () => {
    const updates = await follow(
      'live-exp',
      async () => {
        await server.gql(OPT_IN, { slug: 'live-exp' }, host.token);
        const sent = await server.gql(
          INGEST,
          {
            batch: {
              samples: [
                {
                  id: 'live-1',
                  kind: 'package_transaction',
                  observedAt: new Date().toISOString(),
                  values: [{ metric: 'install_duration_ms', value: 1234 }],
                  context: { packages: 3 },
                },
              ],
            },
          },
          host.token,
        );
        expect(sent.data!.ingestSamples.accepted).toBe(1);
      },
      (seen) => reasons(seen).has('ENROLLMENT') && reasons(seen).has('SAMPLES'),
    );
    expect(updates.every((u) => u.slug === 'live-exp')).toBe(true);
    // Events are coalesced: two changes within a second make at most two events.
    expect(updates.length).toBeLessThanOrEqual(2);
  });

  it('tells a subscriber that the status changed', async () => {
    const updates = await follow(
      'live-exp',
      async () => {
        await server.gql(PAUSE, { slug: 'live-exp' });
      },
      (seen) => reasons(seen).has('STATUS'),
    );
    expect(reasons(updates)).toContain('STATUS');
  });

  it('refuses an experiment that does not exist, by name', async () => {
    await expect(
      follow(
        'no-such-experiment',
        () => Promise.resolve(),
        () => true,
      ),
    ).rejects.toThrow(/no-such-experiment/);
  });
});
