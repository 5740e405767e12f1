import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { buildBundle, REPO_ROOT, runAsync, type ProcessRun } from '../support/agent-package.js';
import { parseActions, runCallback, type ActionPackage } from '../support/dnf5-actions.js';
import { dnf5HistoryImage } from '../support/dnf5-history.js';
import {
  APT_PACKAGES,
  buildRepos,
  dnf,
  missingTools,
  prepareDnf,
  skipWithoutDnf,
} from '../support/dnf-test-repo.js';
import { createSecret, startCowExperiment } from '../support/fleet.js';
import { COW_EXPERIMENT } from '../support/operations.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

// The single-file agent copied alone into a folder and run with plain `node` (no
// node_modules anywhere), against a real server; then the dnf 5 actions file of the
// RPM, run as libdnf5's actions plugin would run it (dnf 5 is not packaged for Debian),
// with the bundle as /usr/bin/fleetlab-agent.
const skip = skipWithoutDnf('agent-bundle.test');

let work: string;
let bundle: string;
let state: string;
let server: TestServer;
let db: pg.Client;
let fakeDnf: ChildProcess;

const agent = (...args: string[]): Promise<ProcessRun> =>
  runAsync(process.execPath, [
    path.join(bundle, 'fleetlab-agent.mjs'),
    '--state-dir',
    state,
    '--sysroot',
    path.join(work, 'sys'),
    ...args,
  ]);

const transactions = async () =>
  (
    await db.query(
      `SELECT context, metric_values FROM sample WHERE kind = 'package_transaction' ORDER BY observed_at`,
    )
  ).rows as { context: Record<string, unknown>; metric_values: Record<string, number> }[];

(skip ? describe.skip : describe)('the single-file agent', () => {
  beforeAll(async () => {
    const missing = missingTools();
    if (missing.length > 0) {
      throw new Error(`${missing.join(', ')} not found: CI must install ${APT_PACKAGES}`);
    }
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetlab-bundle-'));
    // Built elsewhere, then copied alone: nothing but the file and its wasm.
    const built = buildBundle(path.join(work, 'built'));
    bundle = path.join(work, 'standalone');
    fs.mkdirSync(bundle);
    for (const file of fs.readdirSync(built)) {
      fs.copyFileSync(path.join(built, file), path.join(bundle, file));
    }
    fs.rmSync(built, { recursive: true });
    state = path.join(work, 'state');
    buildRepos(work);
    prepareDnf(work);
    fs.mkdirSync(path.join(work, 'sys/etc'), { recursive: true });
    fs.writeFileSync(path.join(work, 'sys/etc/machine-id'), '00112233445566778899aabbccddeeff\n');
    server = await startTestServer();
    db = new pg.Client({ connectionString: server.db.url });
    await db.connect();
    await startCowExperiment(server);
  }, 180_000);

  afterAll(async () => {
    fakeDnf?.kill();
    await db?.end();
    await server?.close();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('runs with plain node and no node_modules: enrolls, and reports a real dnf transaction', async () => {
    expect(fs.readdirSync(bundle).sort()).toEqual(['fleetlab-agent.mjs', 'sql-wasm.wasm']);
    expect(path.relative(REPO_ROOT, bundle).startsWith('..')).toBe(true);
    const enrolled = await runAsync(
      process.execPath,
      [
        path.join(bundle, 'fleetlab-agent.mjs'),
        '--state-dir',
        state,
        '--sysroot',
        path.join(work, 'sys'),
        'enroll',
        '--server',
        server.url,
      ],
      { FLEETLAB_ENROLL_SECRET: await createSecret(server) },
    );
    expect(enrolled).toMatchObject({ code: 0, out: expect.stringMatching(/^Enrolled as host/) });
    expect((await agent('opt-in', COW_EXPERIMENT.slug)).code).toBe(0);
    expect(dnf(work, 'v1', ['install', 'fleetlab-demo-tool'])).toBe(0);
    // sql.js reads dnf's history with the wasm beside the bundle.
    expect(
      await agent('report', '--installroot', path.join(work, 'root'), '--no-disk'),
    ).toMatchObject({
      code: 0,
      out: 'Reported 1 transaction(s): 1 sample(s) stored, 0 already there.',
    });
    expect((await transactions()).map((t) => t.context)).toEqual([
      { action: 'install', packages: 2, tool: 'dnf4' },
    ]);
  });

  it('takes the dnf 5 actions file as libdnf5 reads it, and its hooks measure a transaction', async () => {
    const actionsFile = path.join(REPO_ROOT, 'agent/packaging/fleetlab-agent.actions');
    const actions = parseActions(fs.readFileSync(actionsFile, 'utf8'));
    expect(actions.map((a) => a.callback)).toEqual([
      'post_base_setup',
      'pre_transaction',
      'pre_transaction',
      'post_transaction',
    ]);
    // Host transactions only: an installroot's history is not this host's.
    for (const action of actions) expect(action.options).toEqual(['enabled=host-only']);

    // The downloaded packages in dnf 5's cache, and dnf itself (a stand-in process).
    const cache = path.join(work, 'cache');
    const packagesDir = path.join(cache, 'v1-0123456789abcdef/packages');
    fs.mkdirSync(packagesDir, { recursive: true });
    const rpms = fs
      .readdirSync(path.join(work, 'v1'))
      .filter((f) => /^fleetlab-demo-(tool|data)-1\.0-/.test(f));
    for (const rpm of rpms)
      fs.copyFileSync(path.join(work, 'v1', rpm), path.join(packagesDir, rpm));
    fakeDnf = spawn('sleep', ['120'], { stdio: 'ignore' });
    const historyDir = path.join(work, 'dnf5-history');
    const variables = {
      pid: String(fakeDnf.pid),
      'conf.installroot': '/',
      'conf.cachedir': cache,
      'conf.transaction_history_dir': historyDir,
    };
    const packages: ActionPackage[] = rpms.map((rpm) => {
      const [, name, version, release, arch] = /^(.+)-([^-]+)-([^-]+)\.([^.]+)\.rpm$/.exec(rpm)!;
      return {
        direction: 'in',
        variables: {
          'pkg.action': 'I',
          'pkg.full_nevra': `${name}-0:${version}-${release}.${arch}`,
          'pkg.location': rpm,
        },
      };
    });
    // /usr/bin/fleetlab-agent is the bundle; its state folder is this test's.
    const command = (file: string, args: string[]): [string, string[]] => {
      const mapped = args.map((arg) => arg.replaceAll('/var/lib/fleetlab-agent', state));
      return file === '/usr/bin/fleetlab-agent'
        ? [
            process.execPath,
            [path.join(bundle, 'fleetlab-agent.mjs'), '--state-dir', state, ...mapped],
          ]
        : [file, mapped];
    };
    const quiet = (runs: ReturnType<typeof runCallback>) => {
      // libdnf5 reads an action's stdout as commands to it: the hooks print nothing there.
      expect(runs.map((r) => ({ status: r.status, stdout: r.stdout, stderr: r.stderr }))).toEqual(
        runs.map(() => ({ status: 0, stdout: '', stderr: '' })),
      );
      return runs;
    };
    const started = Date.now();
    quiet(runCallback(actions, 'post_base_setup', variables, packages, command));
    await new Promise((resolve) => setTimeout(resolve, 200)); // resolving and downloading
    const rpmStarted = Date.now();
    expect(
      quiet(runCallback(actions, 'pre_transaction', variables, packages, command)),
    ).toHaveLength(3);
    await new Promise((resolve) => setTimeout(resolve, 400)); // the rpm phase
    // libdnf5 has written the transaction to its history by post_transaction.
    fs.mkdirSync(historyDir);
    fs.writeFileSync(
      path.join(historyDir, 'transaction_history.sqlite'),
      await dnf5HistoryImage([
        [
          Math.floor(rpmStarted / 1000),
          Math.ceil(Date.now() / 1000),
          'dnf5 install fleetlab-demo-tool',
          2,
          packages.map((p) => [p.variables['pkg.full_nevra']!, 1, 2]),
        ],
      ]),
    );
    quiet(runCallback(actions, 'post_transaction', variables, packages, command));
    const wall = Date.now() - started;
    const hookDir = path.join(state, 'spool/dnf-hooks');
    expect(fs.readdirSync(hookDir)).toEqual([expect.stringMatching(/^dnf5-\d+-\d+\.json$/)]);

    const reported = await agent(
      'report',
      '--dnf4-history',
      path.join(work, 'none.sqlite'),
      '--dnf5-history',
      path.join(historyDir, 'transaction_history.sqlite'),
      '--no-disk',
    );
    expect(reported).toMatchObject({
      code: 0,
      out: 'Reported 1 transaction(s): 1 sample(s) stored, 0 already there.',
    });
    const dnf5 = (await transactions()).find((t) => t.context.tool === 'dnf5')!;
    expect(dnf5.context).toEqual({ action: 'install', packages: 2, tool: 'dnf5' });
    const values = dnf5.metric_values;
    expect(values.download_bytes).toBe(
      rpms.reduce((sum, rpm) => sum + fs.statSync(path.join(packagesDir, rpm)).size, 0),
    );
    expect(values.rpm_duration_ms).toBeGreaterThanOrEqual(400);
    expect(values.install_duration_ms).toBeGreaterThanOrEqual(values.rpm_duration_ms! + 200);
    expect(values.install_duration_ms).toBeLessThanOrEqual(wall);
    expect(values.rpm_cpu_ms).toBeGreaterThanOrEqual(0);
    expect(values.free_space_drop_bytes).toBeGreaterThanOrEqual(0);
    expect(fs.readdirSync(hookDir)).toEqual([]);
  });
});
