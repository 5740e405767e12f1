import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { agentCli } from '../support/agent-cli.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { createSecret, startCowExperiment } from '../support/fleet.js';
import { buildRepos, dnf, dnfArgs, skipWithoutDnf, prepareDnf } from '../support/dnf-test-repo.js';
import { COW_EXPERIMENT } from '../support/operations.js';

// Real dnf transactions into an installroot, reported by the agent to a real server.
const skip = skipWithoutDnf('agent-report.test');

let server: TestServer;
let work: string;
let db: pg.Client;

const agent = agentCli(() => work, 'sys');

(skip ? describe.skip : describe)('fleetlab-agent report and run', () => {
  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetlab-report-'));
    buildRepos(work);
    prepareDnf(work);
    fs.mkdirSync(path.join(work, 'sys/etc'), { recursive: true });
    fs.writeFileSync(path.join(work, 'sys/etc/machine-id'), 'fedcba9876543210fedcba9876543210\n');
    fs.writeFileSync(path.join(work, 'sys/etc/os-release'), 'ID=centos\nVERSION_ID=9\n');
    server = await startTestServer();
    db = new pg.Client({ connectionString: server.db.url });
    await db.connect();
    await startCowExperiment(server);
    const enrolled = await agent(
      'enroll',
      '--server',
      server.url,
      '--secret',
      await createSecret(server),
    );
    expect(enrolled.err).toBe('');
    expect((await agent('opt-in', COW_EXPERIMENT.slug)).code).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await db.end();
    await server.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  const transactions = async () =>
    (
      await db.query(
        `SELECT context->>'action' AS action, (context->>'packages')::int AS packages, metric_values
           FROM sample WHERE kind = 'package_transaction' ORDER BY observed_at, sample_id`,
      )
    ).rows as { action: string; packages: number; metric_values: Record<string, number> }[];

  it('sends exactly the transactions dnf made, with their package counts and actions', async () => {
    dnf(work, 'v1', ['install', 'fleetlab-demo-tool']);
    dnf(work, 'v2', ['upgrade']);
    const first = await agent('report', '--installroot', path.join(work, 'root'));
    expect(first).toMatchObject({
      code: 0,
      out: 'Reported 2 transaction(s): 3 sample(s) stored, 0 already there.',
    });
    expect((await transactions()).map(({ action, packages }) => ({ action, packages }))).toEqual([
      { action: 'install', packages: 2 },
      { action: 'upgrade', packages: 2 },
    ]);
    const again = await agent('report', '--installroot', path.join(work, 'root'), '--no-disk');
    expect(again.out).toBe('Reported 0 transaction(s): 0 sample(s) stored, 0 already there.');
    const snapshots = await db.query(
      `SELECT metric_values FROM sample WHERE kind = 'disk_snapshot'`,
    );
    expect(snapshots.rows).toEqual([
      {
        metric_values: { disk_used_bytes: expect.any(Number), dnf_cache_bytes: expect.any(Number) },
      },
    ]);
  });

  it('times a dnf command it runs and measures disk use around it', async () => {
    const result = await agent(
      'run',
      '--installroot',
      path.join(work, 'root'),
      '--no-disk',
      '--',
      'dnf',
      ...dnfArgs(work, 'v1'),
      'remove',
      'fleetlab-demo-tool',
    );
    expect(result).toMatchObject({
      code: 0,
      out: expect.stringContaining('Reported 1 transaction(s): 1 sample(s) stored'),
    });
    const removal = (await transactions()).at(-1)!;
    expect(removal).toMatchObject({ action: 'remove', packages: 2 });
    expect(removal.metric_values.install_duration_ms).toBeGreaterThan(0);
    expect(typeof removal.metric_values.disk_used_delta_bytes).toBe('number');
  });

  it("keeps run's timing to the transaction its own command made", async () => {
    const count = async () => (await transactions()).length;
    // An unreported transaction from outside the agent, then a run whose dnf has nothing to do.
    dnf(work, 'v1', ['install', 'fleetlab-demo-extra']);
    const before = await count();
    const nothing = await agent(
      'run',
      '--installroot',
      path.join(work, 'root'),
      '--no-disk',
      '--',
      'dnf',
      ...dnfArgs(work, 'v1'),
      'install',
      'fleetlab-demo-extra',
    );
    expect(nothing).toMatchObject({
      code: 0,
      out: 'Reported 1 transaction(s): 1 sample(s) stored, 0 already there.',
      err: expect.stringContaining('made no dnf transaction'),
    });
    expect(await count()).toBe(before + 1);
    const outside = (await transactions()).at(-1)!;
    expect(outside.action).toBe('install');
    expect(Object.keys(outside.metric_values)).toEqual(['rpm_duration_ms']);

    // Another one from outside, then a run whose dnf fails in the rpm phase.
    dnf(work, 'v1', ['remove', 'fleetlab-demo-extra']);
    const failed = await agent(
      'run',
      '--installroot',
      path.join(work, 'root'),
      '--no-disk',
      '--',
      'dnf',
      ...dnfArgs(work, 'v1'),
      'install',
      'fleetlab-demo-broken',
    );
    expect(failed.code).toBe(1);
    expect(failed.out).toBe('Reported 1 transaction(s): 1 sample(s) stored, 0 already there.');
    expect(failed.err).toContain('made no dnf transaction');
    const removal = (await transactions()).at(-1)!;
    expect(removal.action).toBe('remove');
    expect(Object.keys(removal.metric_values)).toEqual(['rpm_duration_ms']);
  });

  it('notices a recreated or rolled-back history and sends nothing twice', async () => {
    const history = path.join(work, 'root/var/lib/dnf/history.sqlite');
    const count = async () => (await transactions()).length;
    const saved = path.join(work, 'history-saved.sqlite');
    fs.copyFileSync(history, saved);
    const before = await count();

    // Recreated: dnf starts again at id 1. History keeps whole seconds, and after it went
    // back only what began after the last reported transaction's second counts.
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${history}${suffix}`, { force: true });
    await nextSecond();
    dnf(work, 'v1', ['install', 'fleetlab-demo-extra']);
    const recreated = await agent('report', '--installroot', path.join(work, 'root'), '--no-disk');
    expect(recreated).toMatchObject({
      code: 0,
      out: 'Reported 1 transaction(s): 1 sample(s) stored, 0 already there.',
      err: expect.stringContaining('history went back'),
    });
    expect(await count()).toBe(before + 1);

    // Rolled back (a snapshot of the filesystem restored): everything in it was sent.
    for (const suffix of ['-wal', '-shm']) fs.rmSync(`${history}${suffix}`, { force: true });
    fs.copyFileSync(saved, history);
    const rolledBack = await agent('report', '--installroot', path.join(work, 'root'), '--no-disk');
    expect(rolledBack.out).toBe('Reported 0 transaction(s): 0 sample(s) stored, 0 already there.');
    expect(await count()).toBe(before + 1);

    // What happens after the rollback is new, though its ids were used before.
    await nextSecond();
    dnf(work, 'v1', ['remove', 'fleetlab-demo-extra']);
    const after = await agent('report', '--installroot', path.join(work, 'root'), '--no-disk');
    expect(after.out).toBe('Reported 1 transaction(s): 1 sample(s) stored, 0 already there.');
    expect(await count()).toBe(before + 2);
  });

  it("waits for a transaction whose dnf hook is still writing, and drops a dead dnf's mark", async () => {
    await nextSecond();
    dnf(work, 'v1', ['install', 'fleetlab-demo-extra']);
    const hooks = path.join(work, 'state/spool/dnf-hooks');
    fs.mkdirSync(hooks, { recursive: true });
    const mark = (pid: number) =>
      fs.writeFileSync(
        path.join(hooks, 'dnf4-1.pending'),
        JSON.stringify({ tool: 'dnf4', pid, startedAt: Date.now() - 60_000 }),
      );
    mark(process.pid); // a dnf that is still running
    const waiting = await agent('report', '--installroot', path.join(work, 'root'), '--no-disk');
    expect(waiting.out).toBe('Reported 0 transaction(s): 0 sample(s) stored, 0 already there.');
    mark(spawnSync('true').pid); // it is gone: the transaction had no record to wait for
    const after = await agent('report', '--installroot', path.join(work, 'root'), '--no-disk');
    expect(after.out).toBe('Reported 1 transaction(s): 1 sample(s) stored, 0 already there.');
    expect(fs.readdirSync(hooks)).toEqual([]);
  });
});

/** Waits into the next whole second (dnf history keeps seconds). */
async function nextSecond(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 50));
}
