import {
  independenceTest,
  sampleRatioMismatch,
  sequentialSampleRatioMismatch,
  type Inference,
} from '@fleetlab/shared';
import { HealthStatus, type ArmSummary, type HealthCheck } from './comparison.model.js';
import type { TallyRow } from './analysis.queries.js';

// The checks that say whether a comparison can be trusted, each with what to do about
// it: pure functions of the experiment's arms, the arms' summaries and the enrollment
// tally the folder keeps (hosts by arm, status, root filesystem, arch and exposure).

/** Every check's name, as the checks below give them (alerts clear the ones that pass). */
export const HEALTH_CHECK_NAMES = [
  'Sample ratio',
  'Data',
  'Hosts',
  'Exposure',
  'Contamination',
  'Balance of root filesystem',
  'Balance of arch',
] as const;

/** Below this many hosts with data in an arm, intervals are too wide to trust. */
export const MIN_HOSTS_PER_ARM = 10;

export interface CheckedArm {
  id: string;
  key: string;
  weight: number;
  baseline: boolean;
  packages: readonly string[];
}

export interface Exposure {
  optedIn: number;
  /** Opted-in hosts that report versions of their arm's packages. */
  known: number;
  exposed: number;
  /** Per arm key, opted-in hosts with known versions that do not run the arm's stack. */
  unexposed: Map<string, number>;
  /** Baseline hosts running a treatment stack. */
  contaminated: number;
  /** Arms that name packages; without any, exposure cannot be told. */
  withStack: number;
}

export function exposureOf(arms: readonly CheckedArm[], tally: readonly TallyRow[]): Exposure {
  const keyOf = new Map(arms.map((a) => [a.id, a.key]));
  const optedIn = tally.filter((t) => t.status === 'OPTED_IN');
  const unexposed = new Map<string, number>();
  let known = 0;
  let contaminated = 0;
  for (const row of optedIn) {
    if (row.exposure !== 'UNKNOWN') known += row.hosts;
    if (row.exposure === 'UNEXPOSED') {
      const key = keyOf.get(row.armId) ?? row.armId;
      unexposed.set(key, (unexposed.get(key) ?? 0) + row.hosts);
    }
    if (row.contaminated) contaminated += row.hosts;
  }
  const missing = [...unexposed.values()].reduce((sum, n) => sum + n, 0);
  return {
    optedIn: optedIn.reduce((sum, row) => sum + row.hosts, 0),
    known,
    exposed: known - missing,
    unexposed: new Map([...unexposed].sort(([a], [b]) => order(arms, a) - order(arms, b))),
    contaminated,
    withStack: arms.filter((a) => a.packages.length > 0).length,
  };
}

const order = (arms: readonly CheckedArm[], key: string): number =>
  arms.findIndex((a) => a.key === key);

/**
 * Sample ratio, data and hosts per arm: the checks that depend on the metric's summaries.
 * The sample ratio check follows the comparison's inference: the sequential test, which
 * may be read at every look, or chi-square, valid at one.
 */
export function metricChecks(
  arms: readonly CheckedArm[],
  summaries: readonly ArmSummary[],
  tally: readonly TallyRow[],
  inference: Inference = 'SEQUENTIAL',
): HealthCheck[] {
  const checks: HealthCheck[] = [];
  const counts = arms.map((a) =>
    tally.filter((t) => t.armId === a.id).reduce((sum, t) => sum + t.hosts, 0),
  );
  const total = counts.reduce((s, n) => s + n, 0);
  if (total > 0) checks.push(sampleRatioCheck(arms, counts, inference));
  const samples = summaries.reduce((s, a) => s + a.samples, 0);
  if (samples === 0) {
    checks.push({
      name: 'Data',
      status: HealthStatus.FAILED,
      message:
        'No samples for this metric from opted-in hosts yet: run `fleetlab-agent report` (or `run -- dnf ...`) on them.',
    });
    return checks;
  }
  const thin = summaries.filter((a) => a.hosts < MIN_HOSTS_PER_ARM);
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
  return checks;
}

function sampleRatioCheck(
  arms: readonly CheckedArm[],
  counts: number[],
  inference: Inference,
): HealthCheck {
  const weights = arms.map((a) => a.weight);
  const split = arms.map((a, i) => `${a.key} ${counts[i]}`).join(', ');
  const sequential = inference === 'SEQUENTIAL';
  const { p, mismatch } = sequential
    ? sequentialSampleRatioMismatch(counts, weights)
    : sampleRatioMismatch(counts, weights);
  const test = sequential ? 'sequential test, valid at every look' : 'chi-square';
  return mismatch
    ? {
        name: 'Sample ratio',
        status: HealthStatus.FAILED,
        message: `The arms hold ${split} hosts, which the weights make very unlikely (${test}, p = ${p.toExponential(2)}). Something assigns or loses hosts unevenly; find it before trusting any result.`,
      }
    : {
        name: 'Sample ratio',
        status: HealthStatus.OK,
        message: `The arms hold ${split} hosts, as the weights lead one to expect (${test}, p = ${p.toPrecision(2)}).`,
      };
}

/**
 * Exposure, contamination and balance of strata, from the opted-in hosts; they do not
 * depend on the metric.
 */
export function stackAndBalanceChecks(
  arms: readonly CheckedArm[],
  tally: readonly TallyRow[],
): HealthCheck[] {
  const exposure = exposureOf(arms, tally);
  if (exposure.optedIn === 0) return [];
  const checks: HealthCheck[] = [];
  if (exposure.withStack > 0) checks.push(...stackChecks(exposure));
  const optedIn = tally.filter((t) => t.status === 'OPTED_IN');
  for (const [name, stratumOf] of [
    ['root filesystem', (t: TallyRow) => t.rootFsType || 'unknown'],
    ['arch', (t: TallyRow) => t.arch || 'unknown'],
  ] as const) {
    const strata = [...new Set(optedIn.map(stratumOf))].sort();
    const table = arms.map((arm) =>
      strata.map((stratum) =>
        optedIn
          .filter((t) => t.armId === arm.id && stratumOf(t) === stratum)
          .reduce((sum, t) => sum + t.hosts, 0),
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

function stackChecks({ optedIn, known, unexposed, contaminated }: Exposure): HealthCheck[] {
  const missing = [...unexposed.values()].reduce((sum, n) => sum + n, 0);
  const unknown = optedIn - known;
  const unknownNote = unknown
    ? ` ${unknown} host(s) report no versions of the arms' packages; \`fleetlab-agent facts --send\` on them tells.`
    : '';
  return [
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
  ];
}
