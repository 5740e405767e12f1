// The server under test as a child process, and what /proc says about processes:
// memory high-water mark and CPU time.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { SERVER_NODE_FLAGS } from '../../support/server-node-flags.js';

const CLOCK_TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux

export interface ServerProcess {
  pid: number;
  url: string;
  /** The last lines the server printed, for error messages. */
  output(): string;
  /** Throws when the server has exited, with its last lines. */
  assertRunning(): void;
  /** SIGTERM, then SIGKILL after 10 s; resolves once it has exited. */
  stop(): Promise<void>;
}

/**
 * Starts `node server/dist/main.js` with the flags production uses, and waits until
 * GET /health answers 200.
 */
export async function startServer(options: {
  repoRoot: string;
  port: number;
  env: Record<string, string>;
  /** Node flags for the server, e.g. --cpu-prof (which NODE_OPTIONS does not take). */
  nodeArgs: string[];
}): Promise<ServerProcess> {
  const lines: string[] = [];
  const child: ChildProcess = spawn(
    process.execPath,
    [...SERVER_NODE_FLAGS, ...options.nodeArgs, 'server/dist/main.js'],
    {
      cwd: options.repoRoot,
      env: { ...process.env, ...options.env, PORT: String(options.port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const collect = (chunk: Buffer): void => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let exitedEarly = false;
  child.once('exit', () => (exitedEarly = true));

  const url = `http://127.0.0.1:${options.port}`;
  const server: ServerProcess = {
    pid: child.pid!,
    url,
    output: () => lines.slice(-40).join('\n'),
    assertRunning() {
      if (exitedEarly || child.exitCode !== null || child.signalCode !== null) {
        throw new Error(
          `The server exited (${child.exitCode ?? child.signalCode}):\n${server.output()}`,
        );
      }
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };

  const deadline = Date.now() + 120_000;
  for (;;) {
    server.assertRunning();
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`The server did not become healthy in 120 s:\n${server.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** VmHWM (peak resident set) and VmRSS of a live process, in bytes. */
export function memoryOf(pid: number): { peakRss: number; rss: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string): number => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    if (!match) throw new Error(`/proc/${pid}/status has no ${field}`);
    return Number(match[1]) * 1024;
  };
  return { peakRss: kb('VmHWM'), rss: kb('VmRSS') };
}

interface ProcStat {
  ppid: number;
  /** utime + stime, seconds. */
  cpu: number;
  /** cutime + cstime (children waited for), seconds. */
  childrenCpu: number;
}

function readStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // gone meanwhile
  }
  // The command name is in parentheses and may contain spaces: split after it.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const n = (i: number): number => Number(fields[i]);
  return {
    ppid: n(1),
    cpu: (n(11) + n(12)) / CLOCK_TICKS_PER_SECOND,
    childrenCpu: (n(13) + n(14)) / CLOCK_TICKS_PER_SECOND,
  };
}

/** CPU seconds a process has used so far (user + system). */
export function cpuSecondsOf(pid: number): number {
  return readStat(pid)?.cpu ?? 0;
}

/**
 * CPU seconds of a process and its direct children, the exited ones included: for
 * PostgreSQL, the postmaster and its backends and background workers.
 */
export function treeCpuSecondsOf(pid: number): number {
  const root = readStat(pid);
  if (!root) return 0;
  let total = root.cpu + root.childrenCpu;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat?.ppid === pid) total += stat.cpu;
  }
  return total;
}

/** The postmaster's pid, from the first line of postmaster.pid in the data folder. */
export function postmasterPid(dataDir: string): number {
  return Number(fs.readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0]);
}

/** CPU seconds used by the server, PostgreSQL (all its processes) and this benchmark. */
export interface CpuTimes {
  server: number;
  postgres: number;
  bench: number;
}

/** CPU seconds used so far; subtract with cpuSince. */
export function cpuNow(server: ServerProcess, postgresPid: number): CpuTimes {
  const own = process.cpuUsage();
  return {
    server: cpuSecondsOf(server.pid),
    postgres: treeCpuSecondsOf(postgresPid),
    bench: (own.user + own.system) / 1e6,
  };
}

/** CPU seconds used since `before` (from cpuNow). */
export function cpuSince(before: CpuTimes, server: ServerProcess, postgresPid: number): CpuTimes {
  const now = cpuNow(server, postgresPid);
  return {
    server: now.server - before.server,
    postgres: now.postgres - before.postgres,
    bench: now.bench - before.bench,
  };
}
