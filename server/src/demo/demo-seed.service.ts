import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ChangesService } from '../changes/changes.service.js';
import { EnrollSecretsService } from '../enroll-secrets/enroll-secrets.service.js';
import { MetricRole } from '../experiments/experiment.enums.js';
import { ExperimentsService } from '../experiments/experiments.service.js';
import { TargetingOp } from '../targeting/targeting-op.enum.js';

export const DEMO_EXPERIMENT = 'rpm-cow-hyperscale';

/**
 * Fills an empty database with the reference change (RPM copy-on-write), a running
 * experiment and a draft on a second change, through the same services as the API.
 * The fleet comes next, from `fleetlab-agent simulate` against the running server
 * (see main.ts), so the demo's hosts and samples take the path real ones take.
 */
@Injectable()
export class DemoSeedService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly changes: ChangesService,
    private readonly experiments: ExperimentsService,
    private readonly enrollSecrets: EnrollSecretsService,
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
   * Demo only: moves the demo experiment's start and its hosts' opt-ins `days` back,
   * so that the simulated fleet can fill a few weeks of daily results at once. Runs
   * before the in-experiment samples are sent, so every rollup is written by the
   * ingest as usual.
   */
  async backdate(days: number): Promise<void> {
    await this.dataSource.query(
      `WITH x AS (UPDATE experiment SET started_at = now() - $2 * interval '1 day'
                   WHERE slug = $1 RETURNING id)
       UPDATE enrollment SET opted_in_at = now() - $2 * interval '1 day',
                             first_opted_in_at = now() - $2 * interval '1 day'
        WHERE experiment_id = (SELECT id FROM x)`,
      [DEMO_EXPERIMENT, days],
    );
  }
}
