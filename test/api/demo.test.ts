import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { DEMO_EXPERIMENT, DemoSeedService } from '@fleetlab/server/demo/demo-seed.service.js';
import type { DemoStatus } from '@fleetlab/server/demo/demo-status.model.js';
import { EXPERIMENT } from '../support/operations.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

// The demo fleet loads after the server answers (main.ts), a group of hosts at a time;
// demoStatus and /health say how far it got, which the dashboard shows in a banner.
const DEMO_STATUS = `{ demoStatus { state hostsLoaded hosts } }`;

let server: TestServer;
let demo: DemoSeedService;

beforeAll(async () => {
  server = await startTestServer();
  demo = server.app.get(DemoSeedService);
});
afterAll(() => server.close());

async function statusEverywhere(): Promise<{ graphql: DemoStatus; health: DemoStatus }> {
  const graphql = (await server.gql(DEMO_STATUS)).data!.demoStatus as DemoStatus;
  const health = ((await (await fetch(`${server.url}/health`)).json()) as { demo: DemoStatus })
    .demo;
  return { graphql, health };
}

describe('the demo fleet', () => {
  it('is not loading on a server that loads none', async () => {
    const none = { state: 'NONE', hostsLoaded: 0, hosts: 0 };
    expect(await statusEverywhere()).toEqual({ graphql: none, health: none });
  });

  it('loads a group of hosts at a time, saying how far it got, until every host is in', async () => {
    const secret = await demo.seedIfEmpty();
    const lines: string[] = [];
    const statuses: DemoStatus[] = [];
    const result = await demo.loadFleet({
      server: server.url,
      enrollSecret: secret!,
      hosts: 45,
      log: (line) => {
        lines.push(line);
        statuses.push({ ...demo.status });
      },
    });
    expect(lines).toEqual([
      'Demo: loading 45 simulated hosts in the background...',
      'Demo: 30/45 hosts',
      'Demo: 45/45 hosts',
      // A week of history (14 transactions, 7 disk snapshots) and 24 transactions each.
      `Demo: 45 hosts opted in to "${DEMO_EXPERIMENT}", ${45 * 45} samples stored.`,
    ]);
    expect(statuses.slice(0, 3)).toEqual([
      { state: 'LOADING', hostsLoaded: 0, hosts: 45 },
      { state: 'LOADING', hostsLoaded: 30, hosts: 45 },
      { state: 'LOADING', hostsLoaded: 45, hosts: 45 },
    ]);
    expect(result).toMatchObject({ hosts: 45, optedIn: 45, accepted: 45 * 45, rejected: 0 });
    const loaded = { state: 'LOADED', hostsLoaded: 45, hosts: 45 };
    expect(await statusEverywhere()).toEqual({ graphql: loaded, health: loaded });
    const experiment = (await server.gql(EXPERIMENT, { slug: DEMO_EXPERIMENT })).data!.experiment;
    expect(experiment.hostsOptedIn).toBe(45);
  });

  it('moves every group’s opt-ins two weeks back, and the experiment’s start with the first', async () => {
    const db = new pg.Client({ connectionString: server.db.url });
    await db.connect();
    try {
      const { rows } = await db.query<{ days: number[]; start: number }>(
        `SELECT array_agg(DISTINCT round(extract(epoch FROM now() - e.opted_in_at) / 86400)::int) AS days,
                round(extract(epoch FROM now() - x.started_at) / 86400)::int AS start
           FROM enrollment e JOIN experiment x ON x.id = e.experiment_id
          WHERE x.slug = $1 GROUP BY x.started_at`,
        [DEMO_EXPERIMENT],
      );
      expect(rows).toEqual([{ days: [14], start: 14 }]);
    } finally {
      await db.end();
    }
  });

  it('says it failed when loading stops on an error', async () => {
    await expect(
      demo.loadFleet({ server: server.url, enrollSecret: 'fle_not-a-secret', hosts: 5 }),
    ).rejects.toThrow(/enroll secret is not recognised/);
    const failed = { state: 'FAILED', hostsLoaded: 0, hosts: 5 };
    expect(await statusEverywhere()).toEqual({ graphql: failed, health: failed });
  });
});
