import path from 'node:path';
import { jest } from '@jest/globals';
import { run } from '../../agent/src/cli.js';

export interface AgentRun {
  code: number;
  out: string;
  err: string;
}

/**
 * Runs `fleetlab-agent` in-process with its state in `work/state` and its host facts
 * read from `work/<sysroot>`, capturing what it prints.
 */
export function agentCli(
  work: () => string,
  sysroot = 'root',
): (...args: string[]) => Promise<AgentRun> {
  return async (...args) => {
    const out: string[] = [];
    const err: string[] = [];
    const log = jest
      .spyOn(console, 'log')
      .mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    const error = jest
      .spyOn(console, 'error')
      .mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
    try {
      const code = await run([
        'node',
        'fleetlab-agent',
        '--state-dir',
        path.join(work(), 'state'),
        '--sysroot',
        path.join(work(), sysroot),
        ...args,
      ]);
      return { code, out: out.join('\n'), err: err.join('\n') };
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  };
}
