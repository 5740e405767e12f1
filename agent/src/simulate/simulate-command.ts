import { Command, Option } from 'commander';
import cliProgress from 'cli-progress';
import {
  NO_EFFECTS,
  RPM_COW_EFFECTS,
  simulate,
  type SimulationEffects,
  type SimulationProgress,
} from '@fleetlab/simulator';

const number =
  (name: string) =>
  (value: string): number => {
    const parsed = Number(value);
    if (!Number.isFinite(parsed)) throw new Error(`${name} must be a number, got "${value}"`);
    return parsed;
  };

const PHASES: Record<SimulationProgress['phase'], string> = {
  enroll: 'Enrolling hosts     ',
  history: 'Reporting history   ',
  'opt-in': 'Opting in           ',
  report: 'Reporting as treated',
  loaded: 'Hosts done          ',
};

/** `fleetlab-agent simulate`: a virtual fleet with known effects, through the real API. */
export function simulateCommand(): Command {
  return new Command('simulate')
    .description(
      'enroll a virtual fleet, opt it in to an experiment and report realistic samples with known effects',
    )
    .requiredOption('--server <url>', 'Fleetlab server')
    .addOption(
      new Option('--secret <secret>', 'enroll secret')
        .env('FLEETLAB_ENROLL_SECRET')
        .makeOptionMandatory(),
    )
    .requiredOption('--experiment <slug>', 'running experiment to opt the fleet in to')
    .option('--hosts <n>', 'hosts in the fleet', number('--hosts'), 200)
    .option('--seed <n>', 'seed of the fleet and its samples', number('--seed'), 1)
    .option('--pre-days <n>', 'days of history before opting in', number('--pre-days'), 7)
    .option(
      '--per-day <n>',
      'package transactions per host per day of history',
      number('--per-day'),
      2,
    )
    .option('--after <n>', 'transactions per host after opting in', number('--after'), 8)
    .option('--concurrency <n>', 'requests in flight', number('--concurrency'), 8)
    .option('--no-effect', 'the treatment changes nothing (an A/A test)')
    .option(
      '--install-effect <r>',
      'relative change of install time on treatment hosts that can reflink',
      number('--install-effect'),
      RPM_COW_EFFECTS.installDuration,
    )
    .option(
      '--rpm-effect <r>',
      'relative change of rpm time on treatment hosts that can reflink',
      number('--rpm-effect'),
      RPM_COW_EFFECTS.rpmDuration,
    )
    .option(
      '--disk-effect <r>',
      'relative change of disk used by installs and updates on treatment hosts',
      number('--disk-effect'),
      RPM_COW_EFFECTS.diskUsedDelta,
    )
    .option(
      '--download-effect <r>',
      'relative change of bytes downloaded on treatment hosts',
      number('--download-effect'),
      RPM_COW_EFFECTS.download,
    )
    .option(
      '--cache-effect <r>',
      'relative change of the dnf cache size on treatment hosts',
      number('--cache-effect'),
      RPM_COW_EFFECTS.dnfCache,
    )
    .option('--quiet', 'no progress bar')
    .action(
      async (o: {
        server: string;
        secret: string;
        experiment: string;
        hosts: number;
        seed: number;
        preDays: number;
        perDay: number;
        after: number;
        concurrency: number;
        effect: boolean;
        installEffect: number;
        rpmEffect: number;
        diskEffect: number;
        downloadEffect: number;
        cacheEffect: number;
        quiet?: boolean;
      }) => {
        const effects: SimulationEffects = o.effect
          ? {
              installDuration: o.installEffect,
              rpmDuration: o.rpmEffect,
              diskUsedDelta: o.diskEffect,
              download: o.downloadEffect,
              dnfCache: o.cacheEffect,
            }
          : NO_EFFECTS;
        const bar = o.quiet
          ? undefined
          : new cliProgress.SingleBar(
              { format: '{phase} [{bar}] {value}/{total}', hideCursor: true },
              cliProgress.Presets.shades_classic,
            );
        let phase: SimulationProgress['phase'] | undefined;
        const result = await simulate(
          {
            server: o.server,
            enrollSecret: o.secret,
            experiment: o.experiment,
            hosts: o.hosts,
            seed: o.seed,
            effects,
            preDays: o.preDays,
            transactionsPerDay: o.perDay,
            transactionsAfter: o.after,
            concurrency: o.concurrency,
          },
          (progress) => {
            if (!bar) return;
            if (progress.phase !== phase) {
              if (phase) bar.stop();
              phase = progress.phase;
              bar.start(progress.total, 0, { phase: PHASES[phase] });
            }
            bar.update(progress.done);
          },
        ).finally(() => bar?.stop());
        console.log(
          `Simulated ${result.hosts} hosts: ${result.optedIn} opted in to ${o.experiment}` +
            (result.refused ? ` (${result.refused} outside its targeting)` : '') +
            `; ${result.accepted} samples stored, ${result.duplicates} duplicates.`,
        );
      },
    );
}
