// Started as root: PostgreSQL refuses to run as root, so it runs as the user
// `postgres`, which must reach its programs and its data folder; what that user may
// enter is asked of the system as that user.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { EmbeddedDatabaseError } from './error.ts';

/** Who PostgreSQL runs as, when that is not this process's user (started as root). */
export interface Account {
  uid: number;
  gid: number;
}

const POSTGRES_USER = 'postgres';
export const AS_ROOT =
  'Started as root, Fleetlab runs its embedded PostgreSQL as the user postgres (PostgreSQL refuses to run as root)';
export const OR_ELSE =
  'start Fleetlab as an ordinary user, or set DATABASE_URL to use an existing PostgreSQL.';

/** The user `postgres`, made (a system user with a group of that name) when missing. */
export function postgresAccount(): Account {
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
export function assertDataReachable(account: Account, dataDir: string): void {
  const closed = firstClosedFolder(account, path.dirname(dataDir));
  if (closed === null) return;
  throw new EmbeddedDatabaseError(
    `${AS_ROOT}, and that user may not enter ${closed}${modeOf(closed)} to reach the data folder ${dataDir}. ` +
      `Set FLEETLAB_DATA_DIR to a folder it may reach (e.g. FLEETLAB_DATA_DIR=/srv/fleetlab npm start), or ${OR_ELSE}`,
  );
}

/**
 * The first folder on the way to `folder` (from the root down, itself included) that
 * `account` may not enter, or null when it may reach it. Asked of the system as that
 * user (a shell's `cd`), so that whatever decides (modes, groups, ACLs) counts.
 */
export function firstClosedFolder(account: Account, folder: string): string | null {
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

/** ` (mode 0700)`, to follow a folder's name in a sentence; nothing when it cannot be read. */
export function modeOf(file: string): string {
  try {
    return ` (mode ${(fs.statSync(file).mode & 0o7777).toString(8).padStart(4, '0')})`;
  } catch {
    return '';
  }
}

/** Makes `folder` (0755) if missing; it must be a folder that root alone may change. */
export function makeRootFolder(folder: string): void {
  const first = fs.mkdirSync(folder, { recursive: true });
  if (first !== undefined)
    for (let made = folder; ; made = path.dirname(made)) {
      fs.chmodSync(made, 0o755);
      if (made === first) break;
    }
  assertRootOnly(folder);
}

export function assertRootOnly(folder: string): void {
  const stat = fs.lstatSync(folder);
  if (!stat.isDirectory() || stat.uid !== 0 || (stat.mode & 0o022) !== 0)
    throw new Error(`${folder} is not a folder that root alone may change`);
}
