import { Command, Option } from 'commander';
import { ApiError, graphql } from '@fleetlab/simulator';
import { exportCommand } from './export/export-command.js';
import { loadConfig, readSecretFile, type AgentConfig } from './config.js';
import { collectFacts } from './facts/collect-facts.js';
import { hookCommand } from './hooks/hook-command.js';
import { reportCommands } from './report/report-commands.js';
import { simulateCommand } from './simulate/simulate-command.js';
import { defaultStateDir, loadState, loadStateIfAny, saveState } from './state.js';

interface Enrollment {
  status: string;
  arm: { key: string; baseline: boolean };
  experiment: { slug: string; status: string };
}

const ENROLL = `mutation($input: EnrollHostInput!) { enrollHost(input: $input) { token host { id } } }`;
const REPORT_FACTS = `mutation($facts: JSON!) { reportFacts(facts: $facts) { id } }`;
const ENROLLMENT_FIELDS = 'status arm { key baseline } experiment { slug status }';
const OPT_IN = `mutation($slug: String!) { optIn(experimentSlug: $slug) { ${ENROLLMENT_FIELDS} } }`;
const OPT_OUT = `mutation($slug: String!, $reason: String) { optOut(experimentSlug: $slug, reason: $reason) { ${ENROLLMENT_FIELDS} } }`;
const STATUS = `{ currentHost { id hostname lastSeenAt enrollments { ${ENROLLMENT_FIELDS} } } }`;

const describeArm = (e: Enrollment): string => `${e.arm.key}${e.arm.baseline ? ' (baseline)' : ''}`;

export function buildProgram(): Command {
  const program = new Command('fleetlab-agent')
    .description('Enrolls this host in Fleetlab, opts it in and out of experiments.')
    .addOption(
      new Option('--config <file>', 'agent settings (server, enroll secret file, state folder)')
        .env('FLEETLAB_AGENT_CONFIG')
        .default(undefined, '/etc/fleetlab/agent.conf'),
    )
    .addOption(
      new Option(
        '--state-dir <dir>',
        'where the host token and the spool are kept (default: state_dir of the config, else /var/lib/fleetlab-agent for root)',
      ),
    )
    .addOption(
      new Option(
        '--sysroot <dir>',
        'read facts from this tree instead of / (containers, tests)',
      ).default(''),
    )
    .enablePositionalOptions()
    .showHelpAfterError();
  let config: AgentConfig | undefined;
  const settings = (): AgentConfig =>
    (config ??= loadConfig(program.opts<{ config?: string }>().config));
  // The command line wins, then the environment, then the config file.
  const stateDir = (): string =>
    program.opts<{ stateDir?: string }>().stateDir ??
    process.env.FLEETLAB_AGENT_STATE_DIR ??
    settings().stateDir ??
    defaultStateDir();
  const sysroot = (): string => program.opts<{ sysroot: string }>().sysroot;

  program
    .command('enroll')
    .description('enroll this host with an enroll secret; keeps the host token in the state folder')
    .option(
      '--server <url>',
      'Fleetlab server, e.g. https://fleetlab.example.org (default: server of the config)',
    )
    .addOption(
      new Option(
        '--secret <secret>',
        'enroll secret (better: FLEETLAB_ENROLL_SECRET, --secret-file or the config, which keep it off the command line)',
      ).env('FLEETLAB_ENROLL_SECRET'),
    )
    .option(
      '--secret-file <file>',
      'file holding the enroll secret (default: enroll_secret_file of the config)',
    )
    .option('--region <region>', 'region fact of this host')
    .option('--label <label...>', 'labels of this host')
    .action(
      async (options: {
        server?: string;
        secret?: string;
        secretFile?: string;
        region?: string;
        label?: string[];
      }) => {
        const server = options.server ?? settings().server;
        if (!server) {
          throw new Error(
            'No server: give --server URL, or set "server" in the agent configuration.',
          );
        }
        const secretFile = options.secretFile ?? settings().enrollSecretFile;
        const secret = options.secret ?? (secretFile ? readSecretFile(secretFile) : undefined);
        if (!secret) {
          throw new Error(
            'No enroll secret: set "enroll_secret_file" in the agent configuration, or give --secret-file FILE or FLEETLAB_ENROLL_SECRET.',
          );
        }
        const { hostname, machineIdHash, facts } = collectFacts(sysroot(), {
          region: options.region ?? settings().region,
          labels: options.label ?? settings().labels,
        });
        // Enrolled before: the current token proves this is the same host.
        const previous = loadStateIfAny(stateDir());
        const data = await graphql<{ enrollHost: { token: string; host: { id: string } } }>(
          server,
          ENROLL,
          {
            input: { enrollSecret: secret, machineIdHash, hostname, facts },
          },
          previous?.server === server ? previous.token : undefined,
        );
        saveState(stateDir(), {
          server,
          hostId: data.enrollHost.host.id,
          token: data.enrollHost.token,
          enrolledAt: new Date().toISOString(),
          machineIdHash,
        });
        console.log(`Enrolled as host ${data.enrollHost.host.id}; token saved in ${stateDir()}.`);
      },
    );

  program
    .command('facts')
    .description('print the facts of this host; --send reports them to the server')
    .option('--send', 'report them to the server')
    .action(async (options: { send?: boolean }) => {
      const collected = collectFacts(sysroot());
      console.log(JSON.stringify(collected, null, 2));
      if (options.send) {
        const state = loadState(stateDir());
        await graphql(state.server, REPORT_FACTS, { facts: collected.facts }, state.token);
        console.log('Facts reported.');
      }
    });

  program
    .command('opt-in')
    .argument('<experiment>', 'experiment slug')
    .description('opt this host in to an experiment; answers its arm')
    .action(async (slug: string) => {
      const state = loadState(stateDir());
      const { optIn } = await graphql<{ optIn: Enrollment }>(
        state.server,
        OPT_IN,
        { slug },
        state.token,
      );
      console.log(`Opted in to ${optIn.experiment.slug}: arm ${describeArm(optIn)}.`);
    });

  program
    .command('opt-out')
    .argument('<experiment>', 'experiment slug')
    .option('--reason <text>', 'why, for the experiment owner')
    .description('opt this host out of an experiment')
    .action(async (slug: string, options: { reason?: string }) => {
      const state = loadState(stateDir());
      const { optOut } = await graphql<{ optOut: Enrollment }>(
        state.server,
        OPT_OUT,
        { slug, reason: options.reason },
        state.token,
      );
      console.log(`Opted out of ${optOut.experiment.slug} (arm ${describeArm(optOut)}).`);
    });

  program
    .command('status')
    .description('show this host and its experiments')
    .action(async () => {
      const state = loadState(stateDir());
      const { currentHost } = await graphql<{
        currentHost: { id: string; hostname: string | null; enrollments: Enrollment[] };
      }>(state.server, STATUS, {}, state.token);
      console.log(
        `Host ${currentHost.id} (${currentHost.hostname ?? 'no hostname'}) on ${state.server}`,
      );
      if (currentHost.enrollments.length === 0) console.log('Not in any experiment.');
      for (const e of currentHost.enrollments) {
        console.log(
          `  ${e.experiment.slug} [${e.experiment.status.toLowerCase()}]: ${e.status.toLowerCase()}, arm ${describeArm(e)}`,
        );
      }
    });

  for (const command of reportCommands(stateDir, () => loadState(stateDir()))) {
    program.addCommand(command);
  }
  program.addCommand(hookCommand(stateDir));
  program.addCommand(simulateCommand());
  program.addCommand(exportCommand());

  return program;
}

export async function run(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (error) {
    const code = error instanceof ApiError && error.code ? ` [${error.code}]` : '';
    console.error(`fleetlab-agent: ${(error as Error).message}${code}`);
    return 1;
  }
}
