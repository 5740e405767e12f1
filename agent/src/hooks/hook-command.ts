import path from 'node:path';
import { Command } from 'commander';
import {
  dnf5PostTransaction,
  dnf5PreTransaction,
  spawnWatcher,
  watchUntilGone,
} from './dnf5-hook.js';

interface Dnf5Options {
  pid: string;
  installroot: string;
  cachedir?: string;
  historyDir?: string;
}

/**
 * `fleetlab-agent hook ...`: what dnf's hooks run. They write to the spool only, print
 * nothing on stdout (libdnf5's actions plugin reads it as commands) and never fail dnf:
 * a problem is told on stderr and the exit code stays 0.
 */
export function hookCommand(stateDir: () => string): Command {
  const hook = new Command('hook').description(
    "what dnf's hooks run (packaging/fleetlab-agent.actions); writes to the spool only",
  );
  const spoolDir = () => path.join(stateDir(), 'spool');
  const guarded =
    <A extends unknown[]>(name: string, action: (...args: A) => Promise<void> | void) =>
    async (...args: A) => {
      try {
        await action(...args);
      } catch (error) {
        console.error(`fleetlab-agent hook ${name}: ${(error as Error).message}`);
      }
    };
  const dnf5 = (name: string) =>
    new Command(name)
      .requiredOption('--pid <pid>', "dnf's process id (${pid})")
      .option('--installroot <dir>', '${conf.installroot}', '/')
      .option('--cachedir <dir>', '${conf.cachedir}')
      .option('--history-dir <dir>', '${conf.transaction_history_dir}');
  const options = (o: Dnf5Options) => ({
    spoolDir: spoolDir(),
    pid: Number(o.pid),
    installroot: o.installroot,
    cachedir: o.cachedir,
    historyDir: o.historyDir,
    env: process.env,
  });
  hook.addCommand(
    dnf5('dnf5-pre')
      .description('pre_transaction: note the start, free space, CPU time and packages')
      .action(
        guarded('dnf5-pre', (o: Dnf5Options) =>
          dnf5PreTransaction({
            ...options(o),
            startWatcher: (lowFile) => spawnWatcher(Number(o.pid), o.installroot, lowFile),
          }),
        ),
      ),
  );
  hook.addCommand(
    dnf5('dnf5-post')
      .description("post_transaction: write the transaction's record to the spool")
      .action(
        guarded('dnf5-post', async (o: Dnf5Options) => {
          await dnf5PostTransaction(options(o));
        }),
      ),
  );
  hook.addCommand(
    new Command('dnf5-watch')
      .description('(started by dnf5-pre) note the lowest free space until dnf ends')
      .requiredOption('--pid <pid>')
      .requiredOption('--root <dir>')
      .requiredOption('--low-file <file>')
      .action(
        guarded('dnf5-watch', (o: { pid: string; root: string; lowFile: string }) =>
          watchUntilGone(Number(o.pid), o.root, o.lowFile),
        ),
      ),
  );
  return hook;
}
