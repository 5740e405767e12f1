import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RPM_COW_EFFECTS, simulate, type SimulationResult } from '@fleetlab/simulator';
import { DataSource } from 'typeorm';
import { FolderService } from '../folding/folder.service.js';
import { ChangesService } from '../changes/changes.service.js';
import { EnrollSecretsService } from '../enroll-secrets/enroll-secrets.service.js';
import { MetricRole } from '../experiments/experiment.enums.js';
import { ExperimentsService } from '../experiments/experiments.service.js';
import { TargetingOp } from '../targeting/targeting-op.enum.js';
import { DemoState, type DemoStatus } from './demo-status.model.js';

export const DEMO_EXPERIMENT = 'rpm-cow-hyperscale';

/** The demo fleet's time in its experiment. */
const DEMO_DAYS = 14;
/** Hosts loaded together: each group's data are complete before the next starts. */
const DEMO_GROUP = 30;

export interface DemoFleetOptions {
  /** The running server, whose API the simulated hosts use. */
  server: string;
  enrollSecret: string;
  hosts: number;
  /** Stops the loading (at shutdown): no new request is sent. */
  signal?: AbortSignal;
  /** Where progress lines go. */
  log?: (line: string) => void;
}

/**
 * Fills an empty database with the reference change (RPM copy-on-write), a running
 * experiment and a draft on a second change, through the same services as the API.
 * The fleet comes next, from `fleetlab-agent simulate` against the running server,
 * so the demo's hosts and samples take the path real ones take; it loads in the
 * background, and `status` says how far it got.
 */
@Injectable()
export class DemoSeedService {
  status: DemoStatus = { state: DemoState.NONE, hostsLoaded: 0, hosts: 0 };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly changes: ChangesService,
    private readonly experiments: ExperimentsService,
    private readonly enrollSecrets: EnrollSecretsService,
    private readonly folder: FolderService,
  ) {}

  /** Creates the demo's changes and experiments; answers an enroll secret for its fleet, or null if the database was not empty. */
  async seedIfEmpty(): Promise<string | null> {
    if ((await this.changes.list()).length > 0) return null;
    await this.changes.create({
      slug: 'rpm-cow',
      title: 'RPM copy-on-write',
      description:
        'Transcode packages at download time and reflink file data out of the dnf cache at install time ' +
        '(dnf-plugin-cow, rpm-plugin-reflink). Works where the root filesystem supports reflinks.',
      upstreamUrl: 'https://fedoraproject.org/wiki/Changes/RPMCoW',
    });
    await this.experiments.create(
      {
        changeSlug: 'rpm-cow',
        slug: DEMO_EXPERIMENT,
        title: 'RPM CoW on Hyperscale hosts',
        hypothesis:
          'Package transactions are faster with RPM CoW on btrfs and XFS roots, at the cost of more disk during updates; ' +
          'downloads do not change.',
        arms: [
          {
            key: 'baseline',
            name: 'Stock rpm',
            weight: 50,
            baseline: true,
            packages: ['rpm-4.16.1.3-34.el9'],
          },
          {
            key: 'cow',
            name: 'RPM CoW',
            weight: 50,
            baseline: false,
            packages: [
              'rpm-4.16.1.3-34.hs.el9',
              'rpm-plugin-reflink-4.16.1.3-34.hs.el9',
              'python3-dnf-plugin-cow-0.3-1.hs.el9',
            ],
            repos: ['https://mirror.example.org/hyperscale/9-stream/experimental/'],
          },
        ],
        targeting: [{ fact: 'osId', op: TargetingOp.EQ, values: ['centos'] }],
        // The default demo fleet (FLEETLAB_DEMO_HOSTS) splits 300 hosts in two.
        plannedHostsPerArm: 150,
        metrics: [
          { metric: 'install_duration_ms', role: MetricRole.PRIMARY, margin: 0.02 },
          { metric: 'rpm_duration_ms', role: MetricRole.PRIMARY, margin: 0.02 },
          { metric: 'download_bytes', role: MetricRole.GUARDRAIL, margin: 0.01 },
          { metric: 'disk_used_delta_bytes', role: MetricRole.GUARDRAIL, margin: 0.5 },
        ],
      },
      null,
    );
    await this.experiments.transition(DEMO_EXPERIMENT, 'START');

    await this.changes.create({
      slug: 'systemd-backport',
      title: 'systemd 257 backport',
      description: 'A newer systemd on CentOS Stream 9 hosts.',
    });
    await this.experiments.create(
      {
        changeSlug: 'systemd-backport',
        slug: 'systemd-257-boot',
        title: 'Boot time with systemd 257',
        arms: [
          { key: 'baseline', weight: 1, baseline: true, packages: ['systemd-252-51.el9'] },
          { key: 'systemd-257', weight: 1, baseline: false, packages: ['systemd-257.4-1.hs.el9'] },
        ],
        targeting: [{ fact: 'osVersion', op: TargetingOp.EQ, values: ['9'] }],
        metrics: [{ metric: 'boot_duration_ms', role: MetricRole.PRIMARY, margin: 0.05 }],
      },
      null,
    );

    const { secret } = await this.enrollSecrets.create({ name: 'demo-fleet' });
    return secret;
  }

  /**
   * Loads the demo fleet with `fleetlab-agent simulate`: hosts enroll, report a week of
   * history, opt in and report two weeks of transactions, a group of hosts at a time,
   * so that the dashboard fills in while it loads. Resolves when every host is in.
   */
  async loadFleet(options: DemoFleetOptions): Promise<SimulationResult> {
    const log = options.log ?? (() => undefined);
    this.status = { state: DemoState.LOADING, hostsLoaded: 0, hosts: options.hosts };
    log(`Demo: loading ${options.hosts} simulated hosts in the background...`);
    try {
      const result = await simulate(
        {
          server: options.server,
          enrollSecret: options.enrollSecret,
          experiment: DEMO_EXPERIMENT,
          hosts: options.hosts,
          seed: 2026,
          effects: RPM_COW_EFFECTS,
          preDays: 7,
          transactionsPerDay: 2,
          // Two weeks of results, so the daily chart has a shape.
          transactionsAfter: 24,
          inDays: DEMO_DAYS,
          afterOptIn: () => this.backdate(DEMO_DAYS),
          groupSize: DEMO_GROUP,
          concurrency: 8,
          signal: options.signal,
        },
        (progress) => {
          if (progress.phase !== 'loaded') return;
          this.status = { ...this.status, hostsLoaded: progress.done };
          log(`Demo: ${progress.done}/${progress.total} hosts`);
        },
      );
      this.status = { ...this.status, state: DemoState.LOADED };
      log(
        `Demo: ${result.optedIn} hosts opted in to "${DEMO_EXPERIMENT}", ${result.accepted} samples stored.`,
      );
      return result;
    } catch (error) {
      this.status = { ...this.status, state: DemoState.FAILED };
      throw error;
    }
  }

  /**
   * Demo only: moves the demo experiment's start and its hosts' opt-ins `days` back,
   * so that the simulated fleet can fill a few weeks of daily results at once. The
   * history the hosts sent before opting in is folded first, as their pre-period, and
   * the in-experiment samples are sent after, so every rollup is folded as usual. Run
   * once per group of hosts: what was moved already stays.
   */
  async backdate(days: number): Promise<void> {
    await this.folder.foldNow();
    await this.dataSource.query(
      `WITH x AS (UPDATE experiment SET started_at = LEAST(started_at, now() - $2 * interval '1 day')
                   WHERE slug = $1 RETURNING id)
       UPDATE enrollment SET opted_in_at = LEAST(opted_in_at, now() - $2 * interval '1 day'),
                             first_opted_in_at = LEAST(first_opted_in_at, now() - $2 * interval '1 day')
        WHERE experiment_id = (SELECT id FROM x)`,
      [DEMO_EXPERIMENT, days],
    );
  }
}
