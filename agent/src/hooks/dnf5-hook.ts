import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { historyHead } from '../history/read-dnf-history.js';
import { freeBytes, syncFilesystem } from '../report/disk-usage.js';
import {
  hookDir,
  processAlive,
  writeAtomically,
  writeHookRecord,
  type HookPackage,
  type HookRecord,
} from './hook-record.js';
import { processCpuMs } from './proc-stat.js';

// The dnf 5 side of the hooks (packaging/fleetlab-agent.actions): libdnf5's actions
// plugin runs these commands at its callbacks. Everything goes to files in the spool;
// nothing reaches the network while dnf runs.

export interface Dnf5HookOptions {
  spoolDir: string;
  /** dnf's process id (`${pid}`). */
  pid: number;
  /** `${conf.installroot}`; the actions file enables the hooks on the host only. */
  installroot: string;
  /** `${conf.cachedir}`: where the downloaded packages are. */
  cachedir?: string;
  /** `${conf.transaction_history_dir}`. */
  historyDir?: string;
  /** dnf's environment (the actions plugin passes it on): SOURCE_DATE_EPOCH. */
  env?: NodeJS.ProcessEnv;
  now?: () => number;
  /** Starts the process that watches free space until dnf ends; none in tests. */
  startWatcher?: (lowFile: string) => number | undefined;
}

/** What pre_transaction notes, for post_transaction to finish. */
interface Dnf5Pending {
  tool: 'dnf5';
  pid: number;
  startedAt: number;
  rpmStartedAt: number;
  freeBytesStart: number;
  cpuStartMs?: number;
  sourceDateEpoch?: number;
  packages: HookPackage[];
  watcherPid?: number;
}

const file = (o: Dnf5HookOptions, suffix: string) =>
  path.join(hookDir(o.spoolDir), `dnf5-${o.pid}.${suffix}`);

function readText(name: string): string | null {
  try {
    return fs.readFileSync(name, 'utf8');
  } catch {
    return null;
  }
}

/**
 * `dnf5-PID.start`, written by the actions file's post_base_setup line with the shell
 * (cheap enough to run for every dnf command): `<ns since epoch> <free blocks> <block size>`.
 */
export function parseStartFile(text: string): { startedAt: number; freeBytes: number } | null {
  const [ns, blocks, size] = text.trim().split(/\s+/).map(Number);
  if (!Number.isFinite(ns) || !Number.isFinite(blocks) || !Number.isFinite(size)) return null;
  return { startedAt: Math.round(ns! / 1e6), freeBytes: blocks! * size! };
}

/**
 * `dnf5-PID.packages`, one line per package of the transaction written by the actions
 * file's per-package line: `<action letter>\t<full nevra>\t<location>`.
 */
export function parsePackageLines(
  text: string,
): { action: string; nevra: string; location: string }[] {
  return text
    .split('\n')
    .map((line) => line.split('\t'))
    .filter((fields) => fields.length >= 3 && fields[0] && fields[1])
    .map(([action, nevra, location]) => ({ action: action!, nevra: nevra!, location: location! }));
}

/** Incoming packages in the dnf 5 actions' letters: installed, upgrade, downgrade, reinstall. */
const INCOMING = new Set(['I', 'U', 'D', 'R']);

/** The downloaded rpm of a package: `<cachedir>/<repo>-<hash>/packages/<file name>`. */
function cachedRpm(cachedir: string | undefined, location: string): string | undefined {
  if (!cachedir || !location) return undefined;
  const name = path.basename(location);
  let repos: string[];
  try {
    repos = fs.readdirSync(cachedir);
  } catch {
    return undefined;
  }
  for (const repo of repos) {
    const candidate = path.join(cachedir, repo, 'packages', name);
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Installed sizes (%{LONGSIZE}) of rpm files, by `rpm -qp`, in order; undefined where rpm cannot tell. */
function installSizes(files: string[]): (number | undefined)[] {
  if (files.length === 0) return [];
  try {
    const out = execFileSync(
      'rpm',
      ['-qp', '--nosignature', '--nodigest', '--qf', '%{LONGSIZE}\\n', ...files],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    const sizes = out.trim().split('\n').map(Number);
    return files.map((_, i) => (Number.isFinite(sizes[i]) ? sizes[i] : undefined));
  } catch {
    return files.map(() => undefined);
  }
}

function sourceDateEpoch(env: NodeJS.ProcessEnv | undefined): number | undefined {
  const value = env?.SOURCE_DATE_EPOCH;
  return value && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** pre_transaction: the packages are downloaded and the rpm phase starts. */
export function dnf5PreTransaction(o: Dnf5HookOptions): void {
  const now = (o.now ?? Date.now)();
  const start = parseStartFile(readText(file(o, 'start')) ?? '');
  const lines = parsePackageLines(readText(file(o, 'packages')) ?? '');
  const incoming = lines.map((line) =>
    INCOMING.has(line.action) ? cachedRpm(o.cachedir, line.location) : undefined,
  );
  const present = incoming.filter((f): f is string => f !== undefined);
  const presentSizes = installSizes(present);
  const sizes = new Map(present.map((f, i) => [f, presentSizes[i]]));
  const packages: HookPackage[] = lines.map((line, i) => {
    const rpm = incoming[i];
    return {
      nevra: line.nevra,
      action: line.action,
      ...(rpm ? { downloadSize: fs.statSync(rpm).size } : {}),
      ...(rpm && sizes.get(rpm) !== undefined ? { installSize: sizes.get(rpm) } : {}),
    };
  });
  const root = o.installroot || '/';
  const pending: Dnf5Pending = {
    tool: 'dnf5',
    pid: o.pid,
    startedAt: start?.startedAt ?? now,
    rpmStartedAt: now,
    freeBytesStart: start?.freeBytes ?? freeBytes(root),
    ...(processCpuMs(o.pid) !== null ? { cpuStartMs: processCpuMs(o.pid)! } : {}),
    ...(sourceDateEpoch(o.env) !== undefined ? { sourceDateEpoch: sourceDateEpoch(o.env) } : {}),
    packages,
  };
  const watcherPid = o.startWatcher?.(file(o, 'low'));
  writeAtomically(
    file(o, 'pending'),
    JSON.stringify(watcherPid ? { ...pending, watcherPid } : pending),
  );
}

/** post_transaction: the rpm phase is over and history has the transaction. */
export async function dnf5PostTransaction(o: Dnf5HookOptions): Promise<HookRecord | null> {
  const pendingText = readText(file(o, 'pending'));
  if (pendingText === null) return null; // no pre_transaction: nothing ran
  const pending = JSON.parse(pendingText) as Dnf5Pending;
  if (pending.watcherPid && processAlive(pending.watcherPid)) {
    try {
      process.kill(pending.watcherPid);
    } catch {
      // it ended by itself
    }
  }
  const root = o.installroot || '/';
  syncFilesystem(root);
  const end = (o.now ?? Date.now)();
  const freeEnd = freeBytes(root);
  const low = Number(readText(file(o, 'low')));
  const cpuEnd = processCpuMs(o.pid);
  const historyDir = path.join(root, o.historyDir || '/usr/lib/sysimage/libdnf5');
  const head = await historyHead(path.join(historyDir, 'transaction_history.sqlite'));
  const record: HookRecord = {
    tool: 'dnf5',
    pid: o.pid,
    ...(head ? { historyId: head.id, historyBegin: head.begin } : {}),
    startedAt: pending.startedAt,
    rpmStartedAt: pending.rpmStartedAt,
    endedAt: end,
    freeBytesStart: pending.freeBytesStart,
    freeBytesLow: Math.min(freeEnd, low > 0 ? low : Infinity),
    freeBytesEnd: freeEnd,
    ...(pending.cpuStartMs !== undefined && cpuEnd !== null
      ? { cpuMs: Math.round(cpuEnd - pending.cpuStartMs) }
      : {}),
    ...(pending.sourceDateEpoch !== undefined ? { sourceDateEpoch: pending.sourceDateEpoch } : {}),
    packages: pending.packages,
  };
  writeHookRecord(o.spoolDir, record);
  for (const suffix of ['pending', 'start', 'packages', 'low']) {
    fs.rmSync(file(o, suffix), { force: true });
  }
  return record;
}

/**
 * The free-space watcher pre_transaction leaves running: every 200 ms it notes the
 * lowest free space in `lowFile`, until dnf (`pid`) is gone or post_transaction stops it.
 */
export async function watchUntilGone(pid: number, root: string, lowFile: string): Promise<void> {
  let low = Infinity;
  while (processAlive(pid)) {
    const free = freeBytes(root);
    if (free < low) {
      low = free;
      writeAtomically(lowFile, String(low));
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Starts `fleetlab-agent hook dnf5-watch` detached, so that it outlives the action that started it. */
export function spawnWatcher(pid: number, root: string, lowFile: string): number | undefined {
  const script = process.argv[1];
  if (!script || !fs.existsSync(script)) return undefined;
  const child = spawn(
    process.execPath,
    [script, 'hook', 'dnf5-watch', '--pid', String(pid), '--root', root, '--low-file', lowFile],
    { detached: true, stdio: 'ignore' },
  );
  child.unref();
  return child.pid;
}
