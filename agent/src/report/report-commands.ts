import { spawn } from 'node:child_process';
import { Command } from 'commander';
import type { AgentState } from '../state.js';
import { usedBytes } from './disk-usage.js';
import { watchFreeSpace } from './free-space-watch.js';
import { historyHeads, report, type ReportResult } from './report.js';

interface HistoryOptions {
  installroot?: string;
  dnf4History?: string;
  dnf5History?: string;
  disk: boolean;
}

const withHistoryOptions = (command: Command): Command =>
  command
    .option('--installroot <dir>', 'read dnf history and measure disk under this root')
    .option(
      '--dnf4-history <path>',
      'dnf 4 history database (default: persistdir of dnf.conf, /var/lib/dnf/history.sqlite)',
    )
    .option(
      '--dnf5-history <path>',
      'dnf 5 history database (default: transaction_history_dir of dnf.conf, /usr/lib/sysimage/libdnf5/transaction_history.sqlite)',
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
export function reportCommands(stateDir: () => string, loadState: () => AgentState): Command[] {
  const common = (options: HistoryOptions) => ({
    stateDir: stateDir(),
    state: loadState(),
    installroot: options.installroot,
    dnf4Path: options.dnf4History,
    dnf5Path: options.dnf5History,
    disk: options.disk,
    onRetry: (message: string) => console.error(message),
    onNote: (message: string) => console.error(message),
  });

  const reportCommand = withHistoryOptions(
    new Command('report').description(
      'send every dnf transaction since the last report (with what the dnf hooks measured), and a disk snapshot',
    ),
  ).action(async (options: HistoryOptions) => {
    console.log(summary(await report(common(options))));
  });

  const runCommand = withHistoryOptions(
    new Command('run')
      .description(
        'run a dnf command, time it and measure disk use around it, then report (its timing goes with the transaction it made)',
      )
      .argument('<command...>', 'the command after --, e.g. -- dnf -y upgrade')
      .passThroughOptions(),
  ).action(async (command: string[], options: HistoryOptions) => {
    const reportOptions = common(options);
    const root = options.installroot ?? '/';
    const before = await historyHeads(reportOptions);
    const usedBefore = usedBytes(root);
    const watch = watchFreeSpace(root);
    const started = process.hrtime.bigint();
    let exitCode: number;
    try {
      exitCode = await new Promise<number>((resolve, reject) => {
        const child = spawn(command[0]!, command.slice(1), { stdio: 'inherit' });
        child.once('error', reject);
        child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
      });
    } finally {
      watch.stop();
    }
    const installDurationMs = Number(process.hrtime.bigint() - started) / 1e6;
    const free = watch.stop();
    const result = await report({
      ...reportOptions,
      run: {
        before,
        measured: {
          installDurationMs,
          diskUsedDeltaBytes: usedBytes(root) - usedBefore,
          freeSpaceDropBytes: Math.max(0, free.start - free.low),
        },
      },
    });
    console.log(summary(result));
    if (exitCode !== 0) {
      throw new Error(`${command.join(' ')} exited with ${exitCode}`);
    }
  });
  return [reportCommand, runCommand];
}
