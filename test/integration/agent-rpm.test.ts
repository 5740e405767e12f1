import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import {
  buildBundle,
  buildRpm,
  runAsync,
  stubSpec,
  type ProcessRun,
} from '../support/agent-package.js';
import { createSecret, startCowExperiment } from '../support/fleet.js';
import {
  APT_PACKAGES,
  buildRepos,
  missingTools,
  prepareDnf,
  run,
  skipWithoutDnf,
} from '../support/dnf-test-repo.js';
import { COW_EXPERIMENT } from '../support/operations.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

// The agent as an admin installs it: the RPM built by rpmbuild from the single-file
// bundle, installed by dnf into an installroot; then a real dnf 4 transaction there with
// the package's own dnf plugin, whose record `fleetlab-agent report` (the installed
// bundle, run by plain node with no node_modules) sends to a real server.
const skip = skipWithoutDnf('agent-rpm.test');

let work: string;
let root: string;
let server: TestServer;
let db: pg.Client;
let pluginDir: string;

const STATE = 'var/lib/fleetlab-agent';

/** Real dnf into the installroot from the local repositories; the plugin of the package when `plugins`. */
function dnf(repos: string[], args: string[], options: { plugins?: boolean } = {}): number {
  return run(
    'dnf',
    [
      `--config=${path.join(work, 'dnf.conf')}`,
      `--setopt=reposdir=${path.join(work, 'repos.d')}`,
      `--installroot=${root}`,
      ...repos.map((repo) => `--repofrompath=${repo},file://${path.join(work, repo)}`),
      ...repos.map((repo) => `--repo=${repo}`),
      '--releasever=1',
      '--assumeyes',
      // dnf 4 loads plugins from the host's paths, not the installroot's: point it there.
      ...(options.plugins
        ? [
            `--setopt=pluginpath=${pluginDir}`,
            `--setopt=pluginconfpath=${path.join(root, 'etc/dnf/plugins')}`,
          ]
        : ['--noplugins']),
      ...args,
    ],
    { mayFail: true },
  );
}

/** The installed agent, run as a host runs it: `node /usr/bin/fleetlab-agent ...`. */
const agent = (...args: string[]): Promise<ProcessRun> =>
  runAsync(process.execPath, [
    path.join(root, 'usr/bin/fleetlab-agent'),
    '--config',
    path.join(root, 'etc/fleetlab/agent.conf'),
    '--state-dir',
    path.join(root, STATE),
    '--sysroot',
    path.join(work, 'sys'),
    ...args,
  ]);

const mode = (file: string) => fs.lstatSync(path.join(root, file)).mode & 0o777;

(skip ? describe.skip : describe)('the fleetlab-agent RPM', () => {
  beforeAll(async () => {
    const missing = missingTools();
    if (missing.length > 0) {
      throw new Error(`${missing.join(', ')} not found: CI must install ${APT_PACKAGES}`);
    }
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetlab-rpm-'));
    root = path.join(work, 'root');
    const agentRpm = buildRpm(buildBundle(path.join(work, 'bundle')), path.join(work, 'agent'));
    // Stand-ins for what the RPM requires that Debian's dnf has no package for.
    const requires = spawnSync('rpm', ['-qp', '--requires', agentRpm], { encoding: 'utf8' })
      .stdout.split('\n')
      .filter((line) => /^python\(abi\)/.test(line));
    const specs = path.join(work, 'stub-specs');
    fs.mkdirSync(specs);
    fs.writeFileSync(
      path.join(specs, 'nodejs.spec'),
      stubSpec('nodejs', '20.19.0', 'Epoch: 1', { '/usr/bin/node': 'stand-in' }),
    );
    fs.writeFileSync(
      path.join(specs, 'python3.spec'),
      stubSpec('python3', '3.0', requires.map((r) => `Provides: ${r}`).join('\n'), {
        '/usr/share/fleetlab-stub/python3': 'stand-in',
      }),
    );
    // A libdnf5 CoW plugin, under whatever package name a distribution gives it.
    fs.writeFileSync(
      path.join(specs, 'cow.spec'),
      stubSpec('fleetlab-stub-libdnf5-reflink', '1.0', '', {
        '/usr/lib64/libdnf5/plugins/reflink.so': 'stand-in',
      }),
    );
    run('rpmbuild', [
      '-bb',
      '--quiet',
      '--define',
      `_topdir ${path.join(work, 'stubs-build')}`,
      ...fs.readdirSync(specs).map((f) => path.join(specs, f)),
    ]);
    for (const rpm of fs.readdirSync(path.join(work, 'stubs-build/RPMS/noarch'))) {
      fs.copyFileSync(
        path.join(work, 'stubs-build/RPMS/noarch', rpm),
        path.join(work, 'agent', rpm),
      );
    }
    run('createrepo_c', ['--quiet', path.join(work, 'agent')]);
    buildRepos(work);
    prepareDnf(work);
    expect(dnf(['agent'], ['install', 'fleetlab-agent', 'fleetlab-stub-libdnf5-reflink'])).toBe(0);
    pluginDir = path.dirname(
      fs
        .readdirSync(path.join(root, 'usr/lib'), { recursive: true, encoding: 'utf8' })
        .map((f) => path.join(root, 'usr/lib', f))
        .find((f) => f.endsWith('dnf-plugins/fleetlab_agent.py'))!,
    );

    fs.mkdirSync(path.join(work, 'sys/etc'), { recursive: true });
    fs.writeFileSync(path.join(work, 'sys/etc/machine-id'), '0123456789abcdef0123456789abcdef\n');
    fs.writeFileSync(path.join(work, 'sys/etc/os-release'), 'ID=centos\nVERSION_ID=9\n');
    server = await startTestServer();
    db = new pg.Client({ connectionString: server.db.url });
    await db.connect();
    await startCowExperiment(server);
  }, 300_000);

  afterAll(async () => {
    await db?.end();
    await server?.close();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('installs the bundle, its settings, units and hooks with the right modes', () => {
    expect(fs.readlinkSync(path.join(root, 'usr/bin/fleetlab-agent'))).toBe(
      '../lib/fleetlab-agent/fleetlab-agent.mjs',
    );
    expect(
      fs.readFileSync(path.join(root, 'usr/lib/fleetlab-agent/fleetlab-agent.mjs'), 'utf8'),
    ).toMatch(/^#!\/usr\/bin\/node\n/);
    expect(mode('usr/lib/fleetlab-agent/fleetlab-agent.mjs')).toBe(0o755);
    expect(fs.existsSync(path.join(root, 'usr/lib/fleetlab-agent/sql-wasm.wasm'))).toBe(true);
    expect(fs.existsSync(path.join(root, 'usr/lib/fleetlab-agent/node_modules'))).toBe(false);
    expect(mode('etc/fleetlab/agent.conf')).toBe(0o640);
    expect(fs.readFileSync(path.join(root, 'etc/fleetlab/agent.conf'), 'utf8')).toMatch(
      /^enroll_secret_file = /m,
    );
    expect(mode(STATE)).toBe(0o700);
    const service = fs.readFileSync(
      path.join(root, 'usr/lib/systemd/system/fleetlab-agent-report.service'),
      'utf8',
    );
    expect(service).toMatch(/^Type=oneshot$/m);
    expect(service).toMatch(/^ExecStart=\/usr\/bin\/fleetlab-agent report$/m);
    expect(service).toMatch(/^Nice=19$/m);
    expect(service).toMatch(/^CPUQuota=\d+%$/m);
    const timer = fs.readFileSync(
      path.join(root, 'usr/lib/systemd/system/fleetlab-agent-report.timer'),
      'utf8',
    );
    expect(timer).toMatch(/^RandomizedDelaySec=\S+$/m);
    expect(timer).toMatch(/^Persistent=true$/m);
    expect(fs.existsSync(path.join(pluginDir, 'fleetlab_agent.py'))).toBe(true);
    expect(fs.readFileSync(path.join(root, 'etc/dnf/plugins/fleetlab-agent.conf'), 'utf8')).toMatch(
      /^enabled = 1$/m,
    );
    expect(
      fs.existsSync(path.join(root, 'etc/dnf/libdnf5-plugins/actions.d/fleetlab-agent.actions')),
    ).toBe(true);
  });

  it('finds the libdnf5 CoW plugin by its file and reports the package that owns it', async () => {
    fs.writeFileSync(path.join(root, 'etc/machine-id'), '0123456789abcdef0123456789abcdef\n');
    const facts = await runAsync(process.execPath, [
      path.join(root, 'usr/bin/fleetlab-agent'),
      '--sysroot',
      root,
      'facts',
    ]);
    expect(facts.code).toBe(0);
    expect(JSON.parse(facts.out).facts.packages).toMatchObject({
      'fleetlab-stub-libdnf5-reflink': '1.0-1',
    });
  });

  it('reports a real dnf transaction through the dnf plugin, with its packages, times and download size', async () => {
    // The admin's settings: the server, and the enroll secret in a file (never on a command line).
    const secretFile = path.join(work, 'enroll-secret');
    fs.writeFileSync(secretFile, `${await createSecret(server)}\n`, { mode: 0o600 });
    fs.writeFileSync(
      path.join(root, 'etc/fleetlab/agent.conf'),
      `server = ${server.url}\nenroll_secret_file = ${secretFile}\n`,
    );
    expect(await agent('enroll')).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^Enrolled/),
    });
    expect(await agent('opt-in', COW_EXPERIMENT.slug)).toMatchObject({ code: 0 });

    const started = Date.now();
    expect(dnf(['v1'], ['install', 'fleetlab-demo-tool'], { plugins: true })).toBe(0);
    const wall = Date.now() - started;
    const hookDir = path.join(root, STATE, 'spool/dnf-hooks');
    const records = fs.readdirSync(hookDir).filter((f) => f.endsWith('.json'));
    expect(records).toHaveLength(1);
    // The plugin wrote a record and nothing else left: no network in dnf's path.
    expect(fs.readdirSync(hookDir).filter((f) => !f.endsWith('.json'))).toEqual([]);

    const reported = await agent('report', '--installroot', root, '--no-disk');
    // 1 installed the agent itself (no hook then), 2 is the demo install.
    expect(reported).toMatchObject({
      code: 0,
      out: 'Reported 2 transaction(s): 2 sample(s) stored, 0 already there.',
    });
    expect(fs.readdirSync(hookDir)).toEqual([]);

    const { rows } = await db.query(
      `SELECT context, metric_values FROM sample WHERE kind = 'package_transaction' ORDER BY observed_at, sample_id`,
    );
    expect(rows).toHaveLength(2);
    const [agentInstall, demo] = rows as {
      context: Record<string, unknown>;
      metric_values: Record<string, number>;
    }[];
    expect(agentInstall!.context).toMatchObject({ action: 'install', packages: 4, tool: 'dnf4' });
    expect(Object.keys(agentInstall!.metric_values)).toEqual(['rpm_duration_ms']);

    expect(demo!.context).toEqual({ action: 'install', packages: 2, tool: 'dnf4' });
    const rpmSize = (name: string) =>
      fs.statSync(
        path.join(
          work,
          'v1',
          fs.readdirSync(path.join(work, 'v1')).find((f) => f.startsWith(`${name}-1.0-`))!,
        ),
      ).size;
    const values = demo!.metric_values;
    expect(values.download_bytes).toBe(
      rpmSize('fleetlab-demo-tool') + rpmSize('fleetlab-demo-data'),
    );
    expect(values.install_duration_ms).toBeGreaterThan(0);
    expect(values.install_duration_ms).toBeLessThanOrEqual(wall);
    expect(values.rpm_duration_ms).toBeGreaterThan(0);
    expect(values.rpm_duration_ms).toBeLessThanOrEqual(values.install_duration_ms!);
    expect(values.rpm_cpu_ms).toBeGreaterThanOrEqual(0);
    expect(values.free_space_drop_bytes).toBeGreaterThanOrEqual(0);
    expect(Number.isInteger(values.disk_used_delta_bytes)).toBe(true);

    const again = await agent('report', '--installroot', root, '--no-disk');
    expect(again.out).toBe('Reported 0 transaction(s): 0 sample(s) stored, 0 already there.');
  });
});
