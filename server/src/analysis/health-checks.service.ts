import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { independenceTest, sampleRatioMismatch, stackMatches } from '@fleetlab/shared';
import type { ExperimentEntity } from '../experiments/experiment.entity.js';
import { HealthStatus, type ArmSummary, type HealthCheck } from './comparison.model.js';

export interface Exposure {
  hosts: {
    arm_id: string;
    fs: string | null;
    arch: string | null;
    packages: Record<string, string> | null;
  }[];
  known: number;
  exposed: number;
  unexposed: Map<string, number>;
  contaminated: number;
  /** Arms that name packages; without any, exposure cannot be told. */
  withStack: number;
}

/** Below this many hosts with data in an arm, intervals are too wide to trust. */
const MIN_HOSTS_PER_ARM = 10;

/** The checks that say whether a comparison can be trusted, each with what to do about it. */
@Injectable()
export class HealthChecksService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Sample ratio, data and hosts per arm; stackAndBalance gives the rest. */
  async check(experiment: ExperimentEntity, arms: ArmSummary[]): Promise<HealthCheck[]> {
    const checks: HealthCheck[] = [];
    const experimentArms = experiment.arms ?? [];
    const enrolled = await this.dataSource.query<{ arm_id: string; n: number }[]>(
      `SELECT arm_id, count(*)::int AS n FROM enrollment WHERE experiment_id = $1 GROUP BY arm_id`,
      [experiment.id],
    );
    const counts = experimentArms.map((a) => enrolled.find((e) => e.arm_id === a.id)?.n ?? 0);
    const total = counts.reduce((s, n) => s + n, 0);
    if (total > 0) {
      const srm = sampleRatioMismatch(
        counts,
        experimentArms.map((a) => a.weight),
      );
      const split = experimentArms.map((a, i) => `${a.key} ${counts[i]}`).join(', ');
      checks.push(
        srm.mismatch
          ? {
              name: 'Sample ratio',
              status: HealthStatus.FAILED,
              message: `The arms hold ${split} hosts, which the weights make very unlikely (chi-square p = ${srm.p.toExponential(2)}). Something assigns or loses hosts unevenly; find it before trusting any result.`,
            }
          : {
              name: 'Sample ratio',
              status: HealthStatus.OK,
              message: `The arms hold ${split} hosts, as the weights lead one to expect (p = ${srm.p.toPrecision(2)}).`,
            },
      );
    }
    const samples = arms.reduce((s, a) => s + a.samples, 0);
    if (samples === 0) {
      checks.push({
        name: 'Data',
        status: HealthStatus.FAILED,
        message:
          'No samples for this metric from opted-in hosts yet: run `fleetlab-agent report` (or `run -- dnf ...`) on them.',
      });
    } else {
      const thin = arms.filter((a) => a.hosts < MIN_HOSTS_PER_ARM);
      checks.push(
        thin.length
          ? {
              name: 'Hosts',
              status: HealthStatus.WARNING,
              message: `${thin.map((a) => `${a.armKey} has ${a.hosts}`).join(', ')} host(s) with data; below ${MIN_HOSTS_PER_ARM} per arm intervals are too wide to trust. Opt more hosts in.`,
            }
          : {
              name: 'Hosts',
              status: HealthStatus.OK,
              message: `Every arm has at least ${MIN_HOSTS_PER_ARM} hosts with data.`,
            },
      );
    }
    return checks;
  }

  /**
   * The opted-in hosts, and how many report the versions of their arm's packages
   * (known), run their arm's stack (exposed) and, in the baseline, a treatment stack.
   */
  async exposure(experiment: ExperimentEntity): Promise<Exposure> {
    const arms = experiment.arms ?? [];
    const hosts = await this.dataSource.query<
      {
        arm_id: string;
        fs: string | null;
        arch: string | null;
        packages: Record<string, string> | null;
      }[]
    >(
      `SELECT e.arm_id, h.facts->>'rootFsType' AS fs, h.facts->>'arch' AS arch, h.facts->'packages' AS packages
         FROM enrollment e JOIN host h ON h.id = e.host_id
        WHERE e.experiment_id = $1 AND e.status = 'OPTED_IN'`,
      [experiment.id],
    );
    const armOf = new Map(arms.map((a) => [a.id, a]));
    const withStack = arms.filter((a) => a.packages.length > 0);

    let known = 0;
    const unexposed = new Map<string, number>();
    let contaminated = 0;
    for (const host of hosts) {
      const arm = armOf.get(host.arm_id)!;
      const own = stackMatches(arm.packages, host.packages ?? undefined);
      if (own === undefined) continue;
      known += 1;
      if (!own) unexposed.set(arm.key, (unexposed.get(arm.key) ?? 0) + 1);
      if (
        arm.baseline &&
        withStack.some(
          (t) => !t.baseline && stackMatches(t.packages, host.packages ?? undefined) === true,
        )
      ) {
        contaminated += 1;
      }
    }
    const missing = [...unexposed].reduce((sum, [, n]) => sum + n, 0);
    return {
      hosts,
      known,
      exposed: known - missing,
      unexposed,
      contaminated,
      withStack: withStack.length,
    };
  }

  /**
   * Exposure, contamination and balance of strata, from the opted-in hosts' facts;
   * they do not depend on the metric, so a comparison reads them alongside the rest.
   */
  async stackAndBalance(experiment: ExperimentEntity): Promise<HealthCheck[]> {
    const arms = experiment.arms ?? [];
    const { hosts, known, unexposed, contaminated, withStack } = await this.exposure(experiment);
    if (hosts.length === 0) return [];
    const checks: HealthCheck[] = [];
    if (withStack > 0) {
      const missing = [...unexposed].reduce((sum, [, n]) => sum + n, 0);
      const unknown = hosts.length - known;
      const unknownNote = unknown
        ? ` ${unknown} host(s) report no versions of the arms' packages; \`fleetlab-agent facts --send\` on them tells.`
        : '';
      checks.push(
        known === 0
          ? {
              name: 'Exposure',
              status: HealthStatus.WARNING,
              message: `No opted-in host reports the versions of its arm's packages, so exposure is unknown.${unknownNote}`,
            }
          : missing / known > 0.05
            ? {
                name: 'Exposure',
                status: HealthStatus.WARNING,
                message: `${[...unexposed].map(([key, n]) => `${n} ${key} host(s)`).join(', ')} do not run their arm's stack (${missing} of ${known} with known versions). Check that the arm's repositories are enabled and its packages installed there; unexposed hosts dilute the effect.${unknownNote}`,
              }
            : {
                name: 'Exposure',
                status: HealthStatus.OK,
                message: `${known - missing} of ${known} hosts with known versions run their arm's stack.${unknownNote}`,
              },
      );
      checks.push(
        contaminated > 0
          ? {
              name: 'Contamination',
              status: HealthStatus.WARNING,
              message: `${contaminated} baseline host(s) run a treatment stack: they are contaminated and pull the arms together. Remove the treatment packages there or opt them out.`,
            }
          : {
              name: 'Contamination',
              status: HealthStatus.OK,
              message: 'No baseline host runs a treatment stack.',
            },
      );
    }

    for (const [name, key] of [
      ['root filesystem', 'fs'],
      ['arch', 'arch'],
    ] as const) {
      const strata = [...new Set(hosts.map((h) => h[key] ?? 'unknown'))].sort();
      const table = arms.map((arm) =>
        strata.map(
          (stratum) =>
            hosts.filter((h) => h.arm_id === arm.id && (h[key] ?? 'unknown') === stratum).length,
        ),
      );
      const test = independenceTest(table);
      const mix = arms
        .map(
          (arm, i) =>
            `${arm.key}: ${strata.map((stratum, j) => `${stratum} ${table[i]![j]}`).join(', ')}`,
        )
        .join('; ');
      checks.push(
        test.p < 0.001
          ? {
              name: `Balance of ${name}`,
              status: HealthStatus.WARNING,
              message: `The ${name} mix differs between arms more than chance explains (p = ${test.p.toExponential(2)}; ${mix}). Compare within segments rather than overall.`,
            }
          : {
              name: `Balance of ${name}`,
              status: HealthStatus.OK,
              message: `The ${name} mix is alike across arms (${mix}).`,
            },
      );
    }
    return checks;
  }
}
