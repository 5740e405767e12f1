// `npm run bench:peeking`: does a comparison watched every day lie more often than it
// says? Thousands of simulated experiments, each looked at every day, go through
// judgeMetric (@fleetlab/shared), the function both of the server's comparison paths
// turn per-arm host counts, means and variances into a verdict with; so what is
// measured here is what the API answers, without a database in the way.
//
// Each experiment gains BENCH_PEEKING_HOSTS_PER_DAY new hosts per arm a day for
// BENCH_PEEKING_DAYS days; a host's value (its mean install time) is log-normal. At
// every day's look the arms' moments are judged under each inference:
//   - SEQUENTIAL, tuned for the planned hosts (days x hosts a day per arm), and for the
//     default plan of an experiment that names none;
//   - FIXED_HORIZON, looked at daily (peeking), and once at the planned end (its
//     valid use).
// A/A experiments (no effect) count those that show BETTER or WORSE at any look; with a
// true effect (install time BENCH_PEEKING_EFFECT_PERCENT lower) those that reach
// BETTER by the planned end, and the median day they first do. The sample ratio check
// is watched the same way over a correct 50/50 split.
//
// It exits 1 when the sequential A/A share (tuned for the plan) is over 5%: the
// promise the dashboard makes. Figures, not times; nothing here is timed.
import {
  DEFAULT_PLANNED_HOSTS_PER_ARM,
  judgeMetric,
  sampleRatioMismatch,
  sequentialSampleRatioMismatch,
  type ArmMoments,
  type Inference,
  type Verdict,
} from '@fleetlab/shared';
import { Random } from './lib/fleet-data.js';
import { envInt, fmt, formatTable, log, median, ReportedFailure, runBench } from './lib/harness.js';

const EXPERIMENTS = envInt('BENCH_PEEKING_EXPERIMENTS', 4000);
const DAYS = envInt('BENCH_PEEKING_DAYS', 28);
const HOSTS_PER_DAY = envInt('BENCH_PEEKING_HOSTS_PER_DAY', 20);
const EFFECT = envInt('BENCH_PEEKING_EFFECT_PERCENT', 10) / 100;
const SIGMA = envInt('BENCH_PEEKING_SIGMA_PERCENT', 50) / 100;
const SEED = envInt('BENCH_PEEKING_SEED', 20261204);
const ALPHA = 0.05;
const PLANNED = DAYS * HOSTS_PER_DAY;
/** Typical install time of a host, ms: only the ratio matters. */
const MEDIAN_MS = 12_000;

/** Welford's running mean and variance: the moments the rollups hold, in one pass. */
class RunningArm {
  n = 0;
  private mean = 0;
  private m2 = 0;

  add(x: number): void {
    this.n += 1;
    const delta = x - this.mean;
    this.mean += delta / this.n;
    this.m2 += delta * (x - this.mean);
  }

  moments(): ArmMoments {
    return { n: this.n, mean: this.mean, variance: this.n > 1 ? this.m2 / (this.n - 1) : NaN };
  }
}

interface Way {
  label: string;
  inference: Inference;
  plannedHostsPerArm: number;
  /** Only the last look counts: a fixed-horizon test used as designed. */
  lastLookOnly: boolean;
}

const WAYS: Way[] = [
  {
    label: `sequential, tuned for the plan (${fmt(PLANNED)} hosts/arm)`,
    inference: 'SEQUENTIAL',
    plannedHostsPerArm: PLANNED,
    lastLookOnly: false,
  },
  {
    label: `sequential, default tuning (${DEFAULT_PLANNED_HOSTS_PER_ARM} hosts/arm)`,
    inference: 'SEQUENTIAL',
    plannedHostsPerArm: DEFAULT_PLANNED_HOSTS_PER_ARM,
    lastLookOnly: false,
  },
  {
    label: 'fixed-horizon, looked at daily',
    inference: 'FIXED_HORIZON',
    plannedHostsPerArm: PLANNED,
    lastLookOnly: false,
  },
  {
    label: `fixed-horizon, one look on day ${DAYS}`,
    inference: 'FIXED_HORIZON',
    plannedHostsPerArm: PLANNED,
    lastLookOnly: true,
  },
];

/**
 * Per way: the first day each experiment showed BETTER, and WORSE (Infinity: never),
 * and whether it showed BETTER or WORSE on the last day.
 */
interface Outcome {
  firstBetter: number[];
  firstWorse: number[];
  decisiveAtEnd: boolean[];
}

/** Runs every experiment, a look a day, through judgeMetric under every way. */
function simulate(effect: number, seed: number): Outcome[] {
  const random = new Random(seed);
  const outcomes: Outcome[] = WAYS.map(() => ({
    firstBetter: [],
    firstWorse: [],
    decisiveAtEnd: [],
  }));
  for (let e = 0; e < EXPERIMENTS; e++) {
    const baseline = new RunningArm();
    const treatment = new RunningArm();
    const firstBetter = WAYS.map(() => Infinity);
    const firstWorse = WAYS.map(() => Infinity);
    const decisiveAtEnd = WAYS.map(() => false);
    for (let day = 1; day <= DAYS; day++) {
      for (let i = 0; i < HOSTS_PER_DAY; i++) {
        baseline.add(random.logNormal(MEDIAN_MS, SIGMA));
        treatment.add(random.logNormal(MEDIAN_MS, SIGMA) * (1 - effect));
      }
      const arms = [{ baseline: baseline.moments(), treatment: treatment.moments() }];
      WAYS.forEach((way, w) => {
        if (way.lastLookOnly && day < DAYS) return;
        const verdict: Verdict | undefined = judgeMetric(arms, 0, {
          direction: 'LOWER_IS_BETTER',
          margin: 0.02,
          inference: way.inference,
          plan: { plannedHostsPerArm: way.plannedHostsPerArm },
        })?.verdict;
        if (verdict === 'BETTER') firstBetter[w] = Math.min(firstBetter[w]!, day);
        if (verdict === 'WORSE') firstWorse[w] = Math.min(firstWorse[w]!, day);
        if (day === DAYS) decisiveAtEnd[w] = verdict === 'BETTER' || verdict === 'WORSE';
      });
    }
    WAYS.forEach((_, w) => {
      outcomes[w]!.firstBetter.push(firstBetter[w]!);
      outcomes[w]!.firstWorse.push(firstWorse[w]!);
      outcomes[w]!.decisiveAtEnd.push(decisiveAtEnd[w]!);
    });
  }
  return outcomes;
}

/** The sample ratio check watched daily over a correct 50/50 split: any look at p < 0.001. */
function sampleRatioFalseAlarms(seed: number): { sequential: number; chiSquare: number } {
  const random = new Random(seed);
  let sequential = 0;
  let chiSquare = 0;
  for (let e = 0; e < EXPERIMENTS; e++) {
    const counts = [0, 0];
    let [seqHit, chiHit] = [false, false];
    for (let day = 1; day <= DAYS; day++) {
      for (let i = 0; i < 2 * HOSTS_PER_DAY; i++) counts[random.next() < 0.5 ? 0 : 1]! += 1;
      seqHit ||= sequentialSampleRatioMismatch(counts, [1, 1]).mismatch;
      chiHit ||= sampleRatioMismatch(counts, [1, 1]).mismatch;
    }
    if (seqHit) sequential++;
    if (chiHit) chiSquare++;
  }
  return { sequential: sequential / EXPERIMENTS, chiSquare: chiSquare / EXPERIMENTS };
}

const percent = (share: number): string => `${(100 * share).toFixed(1)}%`;
const shareOf = (days: number[], by = DAYS): number =>
  days.filter((d) => d <= by).length / days.length;

/** Synchronous work; runBench wants a promise of the report. */
function main(): Promise<string[]> {
  log(
    `${fmt(EXPERIMENTS)} experiments, ${DAYS} daily looks, ${HOSTS_PER_DAY} new hosts per arm a day, log-normal host values (sigma ${SIGMA})`,
  );
  const started = performance.now();
  const aa = simulate(0, SEED);
  log(`A/A done (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  const effect = simulate(EFFECT, SEED + 1);
  log(`${EFFECT * 100}% effect done (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  const srm = sampleRatioFalseAlarms(SEED + 2);

  const rows = [
    [
      'inference',
      'A/A: BETTER or WORSE at any look',
      `at day ${DAYS}`,
      `${EFFECT * 100}% effect: BETTER by day ${DAYS}`,
      'median day',
      'WORSE at any look',
    ],
  ];
  WAYS.forEach((way, w) => {
    const noEffect = aa[w]!;
    const withEffect = effect[w]!;
    const anyAA = noEffect.firstBetter.map((d, i) => Math.min(d, noEffect.firstWorse[i]!));
    const reached = withEffect.firstBetter.filter((d) => d <= DAYS);
    rows.push([
      way.label,
      percent(shareOf(anyAA)),
      percent(noEffect.decisiveAtEnd.filter(Boolean).length / EXPERIMENTS),
      percent(shareOf(withEffect.firstBetter)),
      reached.length ? String(median(reached)) : '—',
      percent(shareOf(withEffect.firstWorse)),
    ]);
  });
  const sequentialAA = (() => {
    const s = aa[0]!;
    return shareOf(s.firstBetter.map((d, i) => Math.min(d, s.firstWorse[i]!)));
  })();
  const fixedAA = (() => {
    const f = aa[2]!;
    return shareOf(f.firstBetter.map((d, i) => Math.min(d, f.firstWorse[i]!)));
  })();
  const report = [
    '',
    `bench:peeking: ${fmt(EXPERIMENTS)} experiments per row, a look every day for ${DAYS} days, ${HOSTS_PER_DAY} new hosts per arm a day (${fmt(PLANNED)} per arm at the end), log-normal host values (sigma ${SIGMA}), install time judged LOWER_IS_BETTER with a 2% margin, alpha ${ALPHA}; seed ${SEED}`,
    '',
    ...formatTable(rows),
    '',
    `sample ratio check over a correct 50/50 split, failed (p < 0.001) at any daily look: sequential ${percent(srm.sequential)}, chi-square ${percent(srm.chiSquare)}`,
    '',
  ];
  const met = sequentialAA <= ALPHA;
  report.push(
    `target: sequential A/A share at most ${percent(ALPHA)}: ${met ? 'met' : 'NOT met'}`,
    `peeking A/A any look: sequential ${percent(sequentialAA)}, fixed-horizon ${percent(fixedAA)}`,
  );
  if (!met) throw new ReportedFailure(report);
  return Promise.resolve(report);
}

await runBench(main);
