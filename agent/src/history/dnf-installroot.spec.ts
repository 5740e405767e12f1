import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { validateSample } from '@fleetlab/shared';
import { readDnfHistory, type DnfTransaction } from './read-dnf-history.js';
import { transactionSample } from './transaction-sample.js';
import {
  buildRepos,
  dnf,
  skipWithoutDnf,
  missingTools,
  APT_PACKAGES,
  prepareDnf,
} from '../../../test/support/dnf-test-repo.js';

// Real dnf 4 transactions into an --installroot, from a local repository of rpms built
// here: no network, no hand-made history. CI installs the tools (Debian packages
// dnf, rpm for rpmbuild, createrepo-c); elsewhere the test is skipped without them.
const skip = skipWithoutDnf('dnf-installroot.spec');

/** The transactions, in order, that the test makes; see the expectations below. */
function runTransactions(dir: string): void {
  prepareDnf(dir);
  dnf(dir, 'v1', ['install', 'fleetlab-demo-tool']);
  dnf(dir, 'v2', ['upgrade']);
  dnf(dir, 'v2', ['downgrade', 'fleetlab-demo-data']);
  dnf(dir, 'v2', ['reinstall', 'fleetlab-demo-tool']);
  expect(dnf(dir, 'v1', ['install', 'fleetlab-demo-broken'], { mayFail: true })).not.toBe(0);
  dnf(dir, 'v1', ['mark', 'install', 'fleetlab-demo-data']);
  dnf(dir, 'v1', ['swap', 'fleetlab-demo-tool', 'fleetlab-demo-extra']);
  dnf(dir, 'v1', ['remove', 'fleetlab-demo-extra', 'fleetlab-demo-data']);
}

function summary(transaction: DnfTransaction) {
  return {
    id: transaction.id,
    packages: transaction.packages,
    actions: transaction.actions,
    nevras: transaction.items.map(
      (item) =>
        `${item.action} ${item.name}-${item.epoch}:${item.version}-${item.release}.${item.arch}`,
    ),
  };
}

(skip ? describe.skip : describe)('readDnfHistory on real dnf transactions', () => {
  let dir: string;
  let startedAt: number;
  let finishedAt: number;
  let transactions: DnfTransaction[];

  beforeAll(async () => {
    const missing = missingTools();
    if (missing.length > 0) {
      throw new Error(
        `${missing.join(', ')} not found: CI must install the Debian packages ${APT_PACKAGES}`,
      );
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetlab-dnf-'));
    buildRepos(dir);
    startedAt = Math.floor(Date.now() / 1000) * 1000;
    runTransactions(dir);
    finishedAt = Date.now();
    transactions = await readDnfHistory({ installroot: path.join(dir, 'root') });
    const keep = process.env.FLEETLAB_KEEP_DNF_ROOT;
    if (keep) fs.cpSync(path.join(dir, 'root'), keep, { recursive: true });
  }, 120_000);

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads every completed transaction that changed packages, and nothing else', () => {
    // 5 failed in its %pre scriptlet; 6 (dnf mark) only changed a reason.
    expect(transactions.map(summary)).toEqual([
      {
        id: 1,
        packages: 2,
        actions: { install: 2 },
        nevras: [
          'install fleetlab-demo-data-0:1.0-1.noarch',
          'install fleetlab-demo-tool-0:1.0-1.noarch',
        ],
      },
      {
        id: 2,
        packages: 2,
        actions: { upgrade: 2, upgraded: 2 },
        nevras: [
          'upgrade fleetlab-demo-data-0:1.1-1.noarch',
          'upgraded fleetlab-demo-data-0:1.0-1.noarch',
          'upgrade fleetlab-demo-tool-0:1.1-1.noarch',
          'upgraded fleetlab-demo-tool-0:1.0-1.noarch',
        ],
      },
      {
        id: 3,
        packages: 1,
        actions: { downgrade: 1, downgraded: 1 },
        nevras: [
          'downgrade fleetlab-demo-data-0:1.0-1.noarch',
          'downgraded fleetlab-demo-data-0:1.1-1.noarch',
        ],
      },
      {
        id: 4,
        packages: 1,
        actions: { reinstall: 1, reinstalled: 1 },
        nevras: [
          'reinstall fleetlab-demo-tool-0:1.1-1.noarch',
          'reinstalled fleetlab-demo-tool-0:1.1-1.noarch',
        ],
      },
      {
        id: 7,
        packages: 2,
        actions: { install: 1, remove: 1 },
        nevras: [
          'install fleetlab-demo-extra-0:1.0-1.noarch',
          'remove fleetlab-demo-tool-0:1.1-1.noarch',
        ],
      },
      {
        id: 8,
        packages: 2,
        actions: { remove: 2 },
        nevras: [
          'remove fleetlab-demo-data-0:1.0-1.noarch',
          'remove fleetlab-demo-extra-0:1.0-1.noarch',
        ],
      },
    ]);
  });

  it('keeps what dnf recorded about each transaction', () => {
    for (const transaction of transactions) {
      expect(transaction).toMatchObject({ tool: 'dnf4', state: 'done', releasever: '1' });
      expect(transaction.beginAt.getTime()).toBeGreaterThanOrEqual(startedAt);
      expect(transaction.endAt.getTime()).toBeGreaterThanOrEqual(transaction.beginAt.getTime());
      expect(transaction.endAt.getTime()).toBeLessThanOrEqual(finishedAt);
    }
    expect(transactions[1]?.cmdline).toMatch(/ upgrade$/);
    expect(transactions[4]?.cmdline).toMatch(/ swap fleetlab-demo-tool fleetlab-demo-extra$/);
  });

  it('reads only what follows the last transaction already reported', async () => {
    const later = await readDnfHistory({
      installroot: path.join(dir, 'root'),
      afterId: { dnf4: 4 },
    });
    expect(later.map((transaction) => transaction.id)).toEqual([7, 8]);
    const explicit = await readDnfHistory({
      dnf4Path: path.join(dir, 'root', 'var', 'lib', 'dnf', 'history.sqlite'),
      dnf5Path: path.join(dir, 'no-dnf5.sqlite'),
    });
    expect(explicit).toEqual(transactions);
  });

  it('makes samples the server accepts, with the same id on every read', async () => {
    const samples = transactions.map((transaction) =>
      transactionSample(transaction, 'host-a', { toolVersion: '4.14.0' })!,
    );
    expect(samples.map((sample) => sample.context)).toEqual([
      { action: 'install', packages: 2, tool: 'dnf4', toolVersion: '4.14.0' },
      { action: 'upgrade', packages: 2, tool: 'dnf4', toolVersion: '4.14.0' },
      { action: 'downgrade', packages: 1, tool: 'dnf4', toolVersion: '4.14.0' },
      { action: 'reinstall', packages: 1, tool: 'dnf4', toolVersion: '4.14.0' },
      { action: 'mixed', packages: 2, tool: 'dnf4', toolVersion: '4.14.0' },
      { action: 'remove', packages: 2, tool: 'dnf4', toolVersion: '4.14.0' },
    ]);
    for (const [index, sample] of samples.entries()) {
      const transaction = transactions[index]!;
      expect(sample.observedAt).toBe(transaction.endAt.toISOString());
      expect(sample.values).toEqual([
        {
          metric: 'rpm_duration_ms',
          value: transaction.endAt.getTime() - transaction.beginAt.getTime(),
        },
      ]);
      const checked = validateSample(sample, {
        now: new Date(),
        futureGraceMs: 60_000,
        retentionMs: 86_400_000,
      });
      expect(checked).toHaveProperty('sample');
    }
    const again = (await readDnfHistory({ installroot: path.join(dir, 'root') })).map(
      (transaction) => transactionSample(transaction, 'host-a')!.id,
    );
    expect(again).toEqual(samples.map((sample) => sample.id));
    expect(new Set(again).size).toBe(again.length);
    expect(transactionSample(transactions[0]!, 'host-b')!.id).not.toBe(again[0]);
  });
});
