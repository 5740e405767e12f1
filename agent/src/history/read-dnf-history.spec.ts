import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from '@jest/globals';
import { dnf5HistoryImage, type Dnf5Transaction } from '../../../test/support/dnf5-history.js';
import initSqlJs from 'sql.js';
import {
  DNF4_HISTORY_PATH,
  DNF5_HISTORY_PATH,
  DnfHistoryError,
  readDnfHistory,
  readDnfHistorySince,
  sourceDateEpochIds,
  type DnfTransaction,
} from './read-dnf-history.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-fixtures');
// Written by real dnf 4.14 (Debian 12) in agent/src/history/dnf-installroot.spec.ts and
// compacted by make-dnf4-fixtures.py: install, upgrade, downgrade, reinstall, a failed
// install, `dnf mark`, a swap and a remove.
const DNF4_FIXTURE = path.join(FIXTURES, 'dnf4-history.sqlite');
// The same rows, 1 to 4 in the file and 5 to 8 in a WAL that was not checkpointed.
const DNF4_WAL_FIXTURE = path.join(FIXTURES, 'dnf4-history-wal.sqlite');
const DNF4_IDS = [1, 2, 3, 4, 7, 8];

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetlab-history-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

let scratchFiles = 0;
/** A scratch copy of the WAL fixture, its WAL changed by `editWal` (or left out when it answers null). */
function walFixtureCopy(editWal: (wal: Buffer) => Buffer | null): string {
  const file = path.join(scratch, `wal-${++scratchFiles}.sqlite`);
  fs.copyFileSync(DNF4_WAL_FIXTURE, file);
  const wal = editWal(fs.readFileSync(`${DNF4_WAL_FIXTURE}-wal`));
  if (wal) fs.writeFileSync(`${file}-wal`, wal);
  return file;
}

function scratchFile(name: string, content: Uint8Array | string): string {
  const file = path.join(scratch, name);
  fs.writeFileSync(file, content);
  return file;
}

const ids = (transactions: DnfTransaction[]) => transactions.map((transaction) => transaction.id);
const none = path.join(scratch, 'none.sqlite');

describe(readDnfHistory.name, () => {
  describe('dnf 4', () => {
    it('reads the completed transactions that changed packages', async () => {
      const transactions = await readDnfHistory({ dnf4Path: DNF4_FIXTURE, dnf5Path: none });
      expect(transactions.map(({ id, packages, actions }) => ({ id, packages, actions }))).toEqual([
        { id: 1, packages: 2, actions: { install: 2 } },
        { id: 2, packages: 2, actions: { upgrade: 2, upgraded: 2 } },
        { id: 3, packages: 1, actions: { downgrade: 1, downgraded: 1 } },
        { id: 4, packages: 1, actions: { reinstall: 1, reinstalled: 1 } },
        { id: 7, packages: 2, actions: { install: 1, remove: 1 } },
        { id: 8, packages: 2, actions: { remove: 2 } },
      ]);
      const upgrade = transactions[1]!;
      expect(upgrade).toMatchObject({
        tool: 'dnf4',
        state: 'done',
        releasever: '1',
        beginAt: new Date(1795523634 * 1000),
        endAt: new Date(1795523634 * 1000),
      });
      expect(upgrade.cmdline).toMatch(/--assumeyes upgrade$/);
      expect(upgrade.items).toEqual([
        {
          name: 'fleetlab-demo-data',
          epoch: 0,
          version: '1.1',
          release: '1',
          arch: 'noarch',
          action: 'upgrade',
        },
        {
          name: 'fleetlab-demo-data',
          epoch: 0,
          version: '1.0',
          release: '1',
          arch: 'noarch',
          action: 'upgraded',
        },
        {
          name: 'fleetlab-demo-tool',
          epoch: 0,
          version: '1.1',
          release: '1',
          arch: 'noarch',
          action: 'upgrade',
        },
        {
          name: 'fleetlab-demo-tool',
          epoch: 0,
          version: '1.0',
          release: '1',
          arch: 'noarch',
          action: 'upgraded',
        },
      ]);
    });

    it('reads only transactions after the given id', async () => {
      const transactions = await readDnfHistory({
        dnf4Path: DNF4_FIXTURE,
        dnf5Path: none,
        afterId: { dnf4: 4 },
      });
      expect(ids(transactions)).toEqual([7, 8]);
    });

    it('resumes after a cursor whose transaction is still there', async () => {
      const all = await readDnfHistory({ dnf4Path: DNF4_FIXTURE, dnf5Path: none });
      const fourth = all.find((tx) => tx.id === 4)!;
      const read = await readDnfHistorySince({
        dnf4Path: DNF4_FIXTURE,
        dnf5Path: none,
        after: { dnf4: { id: 4, begin: fourth.beginAt.getTime() / 1000 } },
      });
      expect(read).toMatchObject({ regressed: [] });
      expect(ids(read.transactions)).toEqual([7, 8]);
    });

    it('tells a history that went back behind the cursor, and reads what began after it', async () => {
      const all = await readDnfHistory({ dnf4Path: DNF4_FIXTURE, dnf5Path: none });
      const second = all.find((tx) => tx.id === 2)!;
      // The cursor's id holds another transaction now (a rollback), or is gone (recreated).
      for (const cursor of [
        { id: 4, begin: second.beginAt.getTime() / 1000 - 3600 },
        { id: 99, begin: second.beginAt.getTime() / 1000 },
      ]) {
        const read = await readDnfHistorySince({
          dnf4Path: DNF4_FIXTURE,
          dnf5Path: none,
          after: { dnf4: cursor },
        });
        expect(read.regressed).toEqual(['dnf4']);
        expect(ids(read.transactions)).toEqual(
          all.filter((tx) => tx.beginAt.getTime() / 1000 > cursor.begin).map((tx) => tx.id),
        );
      }
    });

    it('finds the database in the persistdir dnf.conf sets', async () => {
      const root = path.join(scratch, 'root-persistdir');
      fs.mkdirSync(path.join(root, 'etc/dnf'), { recursive: true });
      fs.writeFileSync(path.join(root, 'etc/dnf/dnf.conf'), '[main]\npersistdir=/srv/dnf\n');
      fs.mkdirSync(path.join(root, 'srv/dnf'), { recursive: true });
      fs.copyFileSync(DNF4_FIXTURE, path.join(root, 'srv/dnf/history.sqlite'));
      expect(ids(await readDnfHistory({ installroot: root }))).toEqual(DNF4_IDS);
    });

    it('finds the databases under an installroot', async () => {
      const root = path.join(scratch, 'root');
      fs.mkdirSync(path.dirname(path.join(root, DNF4_HISTORY_PATH)), { recursive: true });
      fs.copyFileSync(DNF4_FIXTURE, path.join(root, DNF4_HISTORY_PATH));
      expect(ids(await readDnfHistory({ installroot: root }))).toEqual(DNF4_IDS);
    });
  });

  describe('a database in WAL mode', () => {
    it('includes the transactions committed to the WAL but not yet to the file', async () => {
      const withWal = await readDnfHistory({ dnf4Path: DNF4_WAL_FIXTURE, dnf5Path: none });
      const full = await readDnfHistory({ dnf4Path: DNF4_FIXTURE, dnf5Path: none });
      expect(withWal).toEqual(full);
      const fileOnly = walFixtureCopy(() => null);
      expect(ids(await readDnfHistory({ dnf4Path: fileOnly, dnf5Path: none }))).toEqual([
        1, 2, 3, 4,
      ]);
    });

    it('leaves out a commit whose frames were not all written', async () => {
      // The last frame is cut short, as by a crash while writing transaction 8.
      const torn = walFixtureCopy((wal) => wal.subarray(0, wal.length - 100));
      expect(ids(await readDnfHistory({ dnf4Path: torn, dnf5Path: none }))).toEqual([
        1, 2, 3, 4, 7,
      ]);
    });

    it('stops at a frame whose checksum is wrong', async () => {
      const pageSize = fs.readFileSync(`${DNF4_WAL_FIXTURE}-wal`).readUInt32BE(8);
      const commitFrames: number[] = [];
      const wal = fs.readFileSync(`${DNF4_WAL_FIXTURE}-wal`);
      for (let frame = 32; frame < wal.length; frame += 24 + pageSize) {
        if (wal.readUInt32BE(frame + 4) !== 0) commitFrames.push(frame);
      }
      // One commit per transaction 5 to 8: damage the first frame after the second.
      expect(commitFrames).toHaveLength(4);
      const damaged = walFixtureCopy((bytes) => {
        const copy = Buffer.from(bytes);
        const target = commitFrames[1]! + 24 + pageSize + 24 + 10;
        copy[target] = copy[target]! ^ 0xff;
        return copy;
      });
      expect(ids(await readDnfHistory({ dnf4Path: damaged, dnf5Path: none }))).toEqual([
        1, 2, 3, 4,
      ]);
    });

    it('ignores a WAL whose header does not check out', async () => {
      const stale = walFixtureCopy((bytes) => {
        const copy = Buffer.from(bytes);
        copy.writeUInt32BE((copy.readUInt32BE(16) + 1) >>> 0, 16); // another salt
        return copy;
      });
      expect(ids(await readDnfHistory({ dnf4Path: stale, dnf5Path: none }))).toEqual([1, 2, 3, 4]);
    });
  });

  describe('missing and broken databases', () => {
    it('answers no transactions when neither database exists', async () => {
      expect(await readDnfHistory({ installroot: path.join(scratch, 'empty-root') })).toEqual([]);
      expect(
        await readDnfHistory({ dnf4Path: scratchFile('empty.sqlite', ''), dnf5Path: none }),
      ).toEqual([]);
    });

    it('names the file that is not a database', async () => {
      const garbage = scratchFile('garbage.sqlite', 'this is not a database, it is a note\n');
      const read = readDnfHistory({ dnf4Path: garbage, dnf5Path: none });
      await expect(read).rejects.toThrow(DnfHistoryError);
      await expect(read).rejects.toThrow(`cannot read dnf history ${garbage}: it is not an SQLite`);
    });

    it('names the file that is cut short', async () => {
      const truncated = scratchFile(
        'truncated.sqlite',
        fs.readFileSync(DNF4_FIXTURE).subarray(0, 8 * 512),
      );
      await expect(readDnfHistory({ dnf4Path: truncated, dnf5Path: none })).rejects.toThrow(
        new RegExp(`^cannot read dnf history ${truncated}: .*malformed`),
      );
    });

    it('names the file that is a database of something else', async () => {
      const SQL = await initSqlJs();
      const other = new SQL.Database();
      other.run('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)');
      const file = scratchFile('other.sqlite', other.export());
      other.close();
      await expect(readDnfHistory({ dnf4Path: none, dnf5Path: file })).rejects.toThrow(
        `cannot read dnf history ${file}: no such table: trans`,
      );
    });
  });

  describe('dnf 5', () => {
    // dnf 5 is not packaged for Debian 12, so this database is made here, table for
    // table and column for column as libdnf5's transaction/db/sql/create_tables.sql
    // (schema version 1.1) makes it; the comps and console_output tables are left out.
    async function dnf5History(): Promise<string> {
      const transactions: Dnf5Transaction[] = [
        [
          1796083200,
          1796083203,
          'dnf5 install vim-enhanced',
          2,
          [
            ['vim-enhanced-2:9.1.785-1.fc41.x86_64', 1, 2],
            ['vim-common-2:9.1.785-1.fc41.x86_64', 1, 1],
            ['gpm-libs-0:1.20.7-48.fc41.x86_64', 1, 1],
          ],
        ],
        [
          1796090400,
          1796090431,
          'dnf5 upgrade',
          2,
          [
            ['bash-0:5.2.32-1.fc41.x86_64', 2, 2],
            ['bash-0:5.2.26-3.fc41.x86_64', 6, 2],
            ['glibc-0:2.40-17.fc41.x86_64', 2, 1],
            ['glibc-0:2.40-3.fc41.x86_64', 6, 1],
            ['glibc-common-0:2.40-17.fc41.x86_64', 2, 1],
            ['glibc-common-0:2.40-3.fc41.x86_64', 6, 1],
            ['kernel-core-0:6.11.5-300.fc41.x86_64', 1, 1],
          ],
        ],
        [1796094000, 1796094002, 'dnf5 install broken', 3, [['broken-0:1-1.fc41.noarch', 1, 2]]],
        [1796097600, 1796097601, 'dnf5 mark user bash', 2, [['bash-0:5.2.32-1.fc41.x86_64', 7, 2]]],
        [
          1796101200,
          1796101201,
          'dnf5 remove gpm-libs',
          2,
          [['gpm-libs-0:1.20.7-48.fc41.x86_64', 5, 2]],
        ],
        [1796104800, null, 'dnf5 upgrade', 1, [['bash-0:5.2.37-1.fc41.x86_64', 2, 2]]],
      ];
      return scratchFile('transaction_history.sqlite', await dnf5HistoryImage(transactions));
    }

    it('reads completed transactions from the dnf 5 database', async () => {
      const file = await dnf5History();
      const transactions = await readDnfHistory({ dnf4Path: none, dnf5Path: file });
      expect(
        transactions.map(({ tool, id, state, cmdline, packages, actions }) => ({
          tool,
          id,
          state,
          cmdline,
          packages,
          actions,
        })),
      ).toEqual([
        {
          tool: 'dnf5',
          id: 1,
          state: 'ok',
          cmdline: 'dnf5 install vim-enhanced',
          packages: 3,
          actions: { install: 3 },
        },
        {
          tool: 'dnf5',
          id: 2,
          state: 'ok',
          cmdline: 'dnf5 upgrade',
          packages: 4,
          actions: { upgrade: 3, replaced: 3, install: 1 },
        },
        {
          tool: 'dnf5',
          id: 5,
          state: 'ok',
          cmdline: 'dnf5 remove gpm-libs',
          packages: 1,
          actions: { remove: 1 },
        },
      ]);
      expect(transactions[0]).toMatchObject({
        beginAt: new Date('2026-12-01T00:00:00Z'),
        endAt: new Date('2026-12-01T00:00:03Z'),
        releasever: '41',
      });
      expect(transactions[0]!.items[0]).toEqual({
        name: 'vim-enhanced',
        epoch: 2,
        version: '9.1.785',
        release: '1.fc41',
        arch: 'x86_64',
        action: 'install',
      });
    });

    it('reads both tools, oldest first, each after its own id', async () => {
      const file = await dnf5History();
      const transactions = await readDnfHistory({
        dnf4Path: DNF4_FIXTURE,
        dnf5Path: file,
        afterId: { dnf4: 7, dnf5: 1 },
      });
      expect(transactions.map(({ tool, id }) => `${tool}:${id}`)).toEqual([
        'dnf4:8',
        'dnf5:2',
        'dnf5:5',
      ]);
    });

    it('finds the dnf 5 database in the transaction_history_dir dnf 5 is configured with', async () => {
      const root = path.join(scratch, 'root5-configured');
      fs.mkdirSync(path.join(root, 'etc/dnf/libdnf5.conf.d'), { recursive: true });
      fs.writeFileSync(path.join(root, 'etc/dnf/dnf.conf'), '[main]\ngpgcheck=1\n');
      fs.writeFileSync(
        path.join(root, 'etc/dnf/libdnf5.conf.d/50-history.conf'),
        '# moved\n[main]\ntransaction_history_dir = /var/lib/dnf5-history\n',
      );
      fs.mkdirSync(path.join(root, 'var/lib/dnf5-history'), { recursive: true });
      fs.copyFileSync(
        await dnf5History(),
        path.join(root, 'var/lib/dnf5-history/transaction_history.sqlite'),
      );
      expect(ids(await readDnfHistory({ installroot: root }))).toEqual([1, 2, 5]);
    });

    it('finds the dnf 5 database under an installroot', async () => {
      const root = path.join(scratch, 'root5');
      const file = path.join(root, DNF5_HISTORY_PATH);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.copyFileSync(await dnf5History(), file);
      expect(ids(await readDnfHistory({ installroot: root }))).toEqual([1, 2, 5]);
    });
  });
});

describe(sourceDateEpochIds.name, () => {
  it('tells the transactions whose times SOURCE_DATE_EPOCH froze', () => {
    const epoch = 1_700_000_000;
    expect(
      sourceDateEpochIds([
        { id: 1, dtBegin: epoch, dtEnd: epoch }, // image build
        { id: 2, dtBegin: epoch, dtEnd: epoch }, // image build again: same second
        { id: 3, dtBegin: 1_796_000_000, dtEnd: 1_796_000_004 }, // on the host
        { id: 4, dtBegin: 1_796_000_100, dtEnd: 1_796_000_100 }, // a quick one: real
        { id: 5, dtBegin: epoch, dtEnd: epoch }, // rebuilt with the epoch: back in time
        { id: 6, dtBegin: 1_796_000_200, dtEnd: null }, // unfinished
      ]),
    ).toEqual(new Set([1, 2, 5]));
  });
});
