import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import {
  armMoments,
  confidenceSequence,
  cuped,
  holm,
  hostsNeeded,
  mannWhitney,
  sequentialFromMoments,
  verdict,
  welchTest,
  type MetricDirection,
} from '@fleetlab/shared';
import { REPORT_METRICS, REPORT_SLUG, startReportServer } from '../support/report-fleet.js';
import type { TestServer } from '../support/test-server.js';

// The JSON bundle is for people who do not take our word for it: it must match its
// schema, its digest must be of the data it carries, and the statistics of @fleetlab/shared
// run over that data by an outsider must give its results exactly.

interface HostAggregate {
  metric: string;
  arm: string;
  hostId: string;
  rootFsType: string | null;
  arch: string | null;
  count: number;
  mean: number;
  preMean: number | null;
}
interface MetricDefinition {
  metric: string;
  margin: number | null;
  direction: MetricDirection;
}
interface Result {
  metric: string;
  arms: { armKey: string; hosts: number; samples: number; mean: number | null }[];
  comparisons: Record<string, unknown>[];
}
interface Bundle {
  generatedAt: string;
  engine: { package: string; version: string };
  bundleVersion: number;
  experiment: {
    arms: { key: string; baseline: boolean }[];
    metrics: MetricDefinition[];
    plannedHostsPerArm: number;
  };
  window: { from: string | null; to: string | null };
  results: Result[];
  segmentResults: (Result & { dimension: string; value: string })[];
  data: { sha256: string; hostAggregates: HostAggregate[] };
}

const COMPARISON = `query($metric: String!, $window: WindowInput) {
  comparison(experimentSlug: "${REPORT_SLUG}", metric: $metric, window: $window) {
    window { from to }
    arms { armKey hosts samples mean median p90 p99 }
    comparisons { armKey relativeDiff ciLow ciHigh welchP adjustedP mannWhitneyP verdict }
  }
}`;

let server: TestServer;
let bundle: Bundle;
const schema = JSON.parse(
  fs.readFileSync(
    new URL('../../server/src/reports/report-bundle.schema.json', import.meta.url),
    'utf8',
  ),
) as Record<string, unknown>;

async function fetchBundle(query = ''): Promise<Bundle> {
  const response = await fetch(`${server.url}/reports/${REPORT_SLUG}.json${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Bundle;
}

beforeAll(async () => {
  server = await startReportServer();
  bundle = await fetchBundle();
}, 180_000);
afterAll(() => server.close());

/** The canonical JSON the digest is of: keys sorted, no whitespace. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A comparison with too few hosts: every estimate null, nothing decided. */
const NOTHING = {
  inference: 'SEQUENTIAL',
  absoluteDiff: null,
  relativeDiff: null,
  ciLow: null,
  ciHigh: null,
  p: null,
  welchP: null,
  mannWhitneyP: null,
  hodgesLehmann: null,
  hlCiLow: null,
  hlCiHigh: null,
  cupedRelativeDiff: null,
  cupedCiLow: null,
  cupedCiHigh: null,
  adjustedP: null,
  verdict: 'INCONCLUSIVE',
  hostsNeeded: null,
};

const finite = (x: number | undefined): number | null =>
  x === undefined || !Number.isFinite(x) ? null : x;

/**
 * The analysis as the bundle's schema describes it, from its host aggregates alone:
 * host means per arm, the anytime-valid confidence sequences tuned for the bundle's
 * plannedHostsPerArm, Welch, Mann-Whitney, CUPED, Holm over the metrics, verdict.
 */
function reanalyse(b: Bundle, aggregates: HostAggregate[]): Omit<Result, 'metric'>[] {
  const arms = b.experiment.arms;
  const plan = { plannedHostsPerArm: b.experiment.plannedHostsPerArm };
  const sequence = (x: number[], y: number[]) =>
    sequentialFromMoments(armMoments(x), armMoments(y), plan);
  const baseline = arms.find((a) => a.baseline)!;
  const of = (metric: string, arm: string) =>
    aggregates.filter((h) => h.metric === metric && h.arm === arm);
  const means = (metric: string, arm: string) => of(metric, arm).map((h) => h.mean);
  return b.experiment.metrics.map((m, index) => ({
    arms: arms.map((arm) => {
      const hosts = of(m.metric, arm.key);
      return {
        armKey: arm.key,
        hosts: hosts.length,
        samples: hosts.reduce((s, h) => s + h.count, 0),
        mean: hosts.length ? hosts.reduce((s, h) => s + h.mean, 0) / hosts.length : null,
      };
    }),
    comparisons: arms
      .filter((a) => !a.baseline)
      .map((arm) => {
        const [bs, ts] = [means(m.metric, baseline.key), means(m.metric, arm.key)];
        if (bs.length < 2 || ts.length < 2) return { armKey: arm.key, ...NOTHING };
        const ps = b.experiment.metrics.map((other) => {
          const [x, y] = [means(other.metric, baseline.key), means(other.metric, arm.key)];
          return x.length >= 2 && y.length >= 2 ? sequence(x, y).p : NaN;
        });
        const adjustedP = finite(holm(ps)[index]);
        const welch = welchTest(bs, ts);
        const s = sequence(bs, ts);
        const mw = mannWhitney(bs, ts);
        const pre = (arm: string) =>
          of(m.metric, arm)
            .filter((h) => h.preMean !== null)
            .map((h) => ({ value: h.mean, pre: h.preMean! }));
        const [preB, preT] = [pre(baseline.key), pre(arm.key)];
        const adjusted =
          preB.length >= 2 && preT.length >= 2
            ? confidenceSequence(cuped(preB, preT), preB.length + preT.length, plan)
            : null;
        const judged = verdict({
          direction: m.direction,
          margin: m.margin,
          relativeDiff: s.relativeDiff,
          relCiLow: s.relCiLow,
          relCiHigh: s.relCiHigh,
          adjustedP: adjustedP ?? s.p,
        });
        return {
          armKey: arm.key,
          inference: 'SEQUENTIAL',
          absoluteDiff: finite(s.absoluteDiff),
          relativeDiff: finite(s.relativeDiff),
          ciLow: finite(s.relCiLow),
          ciHigh: finite(s.relCiHigh),
          p: finite(s.p),
          welchP: finite(welch.p),
          mannWhitneyP: finite(mw.p),
          hodgesLehmann: finite(mw.shift),
          hlCiLow: finite(mw.shiftCiLow),
          hlCiHigh: finite(mw.shiftCiHigh),
          cupedRelativeDiff: adjusted ? finite(adjusted.relativeDiff) : null,
          cupedCiLow: adjusted ? finite(adjusted.relCiLow) : null,
          cupedCiHigh: adjusted ? finite(adjusted.relCiHigh) : null,
          adjustedP,
          verdict: judged,
          hostsNeeded:
            judged === 'INCONCLUSIVE'
              ? hostsNeeded({
                  nBaseline: bs.length,
                  nTreatment: ts.length,
                  seRelative: welch.seRelative,
                  relativeDiff: welch.relativeDiff,
                  margin: m.margin,
                  direction: m.direction,
                  inference: 'SEQUENTIAL',
                  plan,
                  metricsJudged: b.experiment.metrics.length,
                })
              : null,
        };
      }),
  }));
}

describe('the JSON bundle', () => {
  it('matches its committed JSON Schema', () => {
    const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
    expect(validate.errors ?? []).toEqual([]);
    const valid = validate(bundle);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('is refused by the schema when a field is missing or unknown', () => {
    const validate = new Ajv({ strict: true }).compile(schema);
    const { sha256: _dropped, ...withoutDigest } = bundle.data;
    expect(validate({ ...bundle, data: withoutDigest })).toBe(false);
    expect(validate({ ...bundle, extra: 1 })).toBe(false);
  });

  it('names the statistics engine and its version', () => {
    const shared = JSON.parse(
      fs.readFileSync(new URL('../../shared/package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    expect(bundle.engine).toEqual({ package: '@fleetlab/shared', version: shared.version });
  });

  it('carries the sha256 of the canonical JSON of its host aggregates', () => {
    const digest = createHash('sha256').update(canonical(bundle.data.hostAggregates)).digest('hex');
    expect(bundle.data.sha256).toBe(digest);
    const changed = structuredClone(bundle.data.hostAggregates);
    changed[0]!.mean += 1;
    expect(createHash('sha256').update(canonical(changed)).digest('hex')).not.toBe(digest);
  });

  it('gives exactly its results when the shared statistics run over its host aggregates', () => {
    expect(bundle.data.hostAggregates).toHaveLength(
      bundle.results.reduce((sum, r) => sum + r.arms.reduce((s, a) => s + a.hosts, 0), 0),
    );
    const again = reanalyse(bundle, bundle.data.hostAggregates);
    bundle.results.forEach((result, i) => {
      expect(
        result.arms.map(({ armKey, hosts, samples, mean }) => ({ armKey, hosts, samples, mean })),
      ).toEqual(again[i]!.arms);
      expect(result.comparisons).toEqual(again[i]!.comparisons);
    });
    // Real comparisons, not the empty ones of too few hosts.
    for (const r of bundle.results) expect(r.comparisons[0]!.adjustedP).toEqual(expect.any(Number));
  });

  it('gives exactly its segment results from the aggregates of each segment', () => {
    expect(bundle.segmentResults.length).toBeGreaterThan(0);
    for (const dimension of ['ROOT_FS_TYPE', 'ARCH']) {
      const fact = dimension === 'ROOT_FS_TYPE' ? 'rootFsType' : 'arch';
      const values = [
        ...new Set(
          bundle.segmentResults.filter((s) => s.dimension === dimension).map((s) => s.value),
        ),
      ];
      for (const value of values) {
        const again = reanalyse(
          bundle,
          bundle.data.hostAggregates.filter((h) => h[fact] === value),
        );
        const results = bundle.segmentResults.filter(
          (s) => s.dimension === dimension && s.value === value,
        );
        expect(results.map((r) => r.metric)).toEqual(REPORT_METRICS);
        results.forEach((r, i) => expect(r.comparisons).toEqual(again[i]!.comparisons));
      }
    }
  });

  it('agrees with the comparison API', async () => {
    for (const result of bundle.results) {
      const api = await server.gql(COMPARISON, { metric: result.metric });
      const comparison = api.data!.comparison;
      result.arms.forEach((arm, i) => {
        const other = comparison.arms[i];
        expect([arm.armKey, arm.hosts, arm.samples]).toEqual([
          other.armKey,
          other.hosts,
          other.samples,
        ]);
        expect(arm.mean).toBeCloseTo(other.mean, 6);
      });
      expect(result.comparisons[0]!.verdict).toBe(comparison.comparisons[0].verdict);
      expect(result.comparisons[0]!.relativeDiff).toBeCloseTo(
        comparison.comparisons[0].relativeDiff,
        12,
      );
      expect(result.comparisons[0]!.adjustedP).toBeCloseTo(comparison.comparisons[0].adjustedP, 12);
    }
  });

  it('records the window and compares only its days', async () => {
    expect(bundle.window).toEqual({ from: null, to: null });
    const today = new Date().toISOString().slice(0, 10);
    const windowed = await fetchBundle(`?from=${today}&to=${today}`);
    expect(windowed.window).toEqual({ from: today, to: today });
    const api = await server.gql(COMPARISON, {
      metric: 'install_duration_ms',
      window: { from: `${today}T00:00:00Z`, to: `${today}T00:00:00Z` },
    });
    expect(windowed.results[0]!.arms.map((a) => a.samples)).toEqual(
      api.data!.comparison.arms.map((a: { samples: number }) => a.samples),
    );
    // A day still kept (retention is 400 days) but long before the fleet reported.
    const longAgo = new Date(Date.now() - 300 * 86_400_000).toISOString().slice(0, 10);
    const before = await fetchBundle(`?to=${longAgo}`);
    expect(before.window).toEqual({ from: null, to: longAgo });
    expect(before.data.hostAggregates).toEqual([]);
    expect(before.results.every((r) => r.comparisons.every((c) => c.relativeDiff === null))).toBe(
      true,
    );
  });
});
