import { spawn } from 'node:child_process';
import { Command } from 'commander';
import { loadState } from '../state.js';
import { usedBytes } from './disk-usage.js';
import { report, type ReportResult } from './report.js';

interface HistoryOptions {
  installroot?: string;
  dnf4History?: string;
  dnf5History?: string;
  disk: boolean;
}

const withHistoryOptions = (command: Command): Command =>
  command
    .option('--installroot <dir>', 'read dnf history and measure disk under this root')
    .option('--dnf4-history <path>', 'dnf 4 history database (default /var/lib/dnf/history.sqlite)')
    .option(
      '--dnf5-history <path>',
      'dnf 5 history database (default /usr/lib/sysimage/libdnf5/transaction_history.sqlite)',
    )
    .option('--no-disk', 'do not add a disk snapshot');

function summary(result: ReportResult): string {
  return (
    `Reported ${result.transactions} transaction(s): ${result.accepted} sample(s) stored, ${result.duplicates} already there` +
    (result.rejected ? `, ${result.rejected} rejected (see the spool's rejected/ folder)` : '') +
    '.'
  );
}

/** `report` and `run -- dnf ...`: package transactions from dnf history to the server. */
export function reportCommands(stateDir: () => string): Command[] {
  const reportCommand = withHistoryOptions(
    new Command('report').description(
      'send every dnf transaction since the last report, and a disk snapshot',
    ),
  ).action(async (options: HistoryOptions) => {
    const result = await report({
      stateDir: stateDir(),
      state: loadState(stateDir()),
      installroot: options.installroot,
      dnf4Path: options.dnf4History,
      dnf5Path: options.dnf5History,
      disk: options.disk,
      onRetry: (message) => console.error(message),
    });
    console.log(summary(result));
  });

  const runCommand = withHistoryOptions(
    new Command('run')
      .description('run a dnf command, time it and measure disk use before and after, then report')
      .argument('<command...>', 'the command after --, e.g. -- dnf -y upgrade')
      .passThroughOptions(),
  ).action(async (command: string[], options: HistoryOptions) => {
    const state = loadState(stateDir());
    const root = options.installroot ?? '/';
    const before = usedBytes(root);
    const started = process.hrtime.bigint();
    const exitCode = await new Promise<number>((resolve, reject) => {
      const child = spawn(command[0]!, command.slice(1), { stdio: 'inherit' });
      child.once('error', reject);
      child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    });
    const installDurationMs = Number(process.hrtime.bigint() - started) / 1e6;
    const result = await report({
      stateDir: stateDir(),
      state,
      installroot: options.installroot,
      dnf4Path: options.dnf4History,
      dnf5Path: options.dnf5History,
      disk: options.disk,
      measured: { installDurationMs, diskUsedDeltaBytes: usedBytes(root) - before },
      onRetry: (message) => console.error(message),
    });
    console.log(summary(result));
    if (exitCode !== 0) {
      throw new Error(`${command.join(' ')} exited with ${exitCode}`);
    }
  });
  return [reportCommand, runCommand];
}
