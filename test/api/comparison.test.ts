import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { RPM_COW_EFFECTS, simulate } from '@fleetlab/simulator';
import { errorCode, startTestServer, type TestServer } from '../support/test-server.js';
import { createSecret } from '../support/fleet.js';
import { fixSplit } from '../support/fixed-split.js';
import { CREATE_CHANGE, CREATE_EXPERIMENT, START } from '../support/operations.js';

// A simulated fleet with known effects, through the real API: install time 50% lower
// on treatment hosts that can reflink (all btrfs, most xfs), none on ext4; downloads
// unchanged. The analysis must find exactly that. The fleet is seeded and its split
// fixed (fixSplit), so every run judges the same data: the statistics below sit well
// inside what is asserted (e.g. downloads -0.7%, interval -6.4% to 5.0%: no worse),
// where a new split each run made a 95% interval miss 1 run in 20 by design.
const COMPARISON = `query($slug: String!, $metric: String!, $segment: SegmentInput) {
  comparison(experimentSlug: $slug, metric: $metric, segment: $segment) {
    segment
    arms { armKey baseline hosts samples mean median p90 p99 }
    comparisons { armKey absoluteDiff relativeDiff ciLow ciHigh welchP mannWhitneyP hodgesLehmann hlCiLow hlCiHigh cupedRelativeDiff adjustedP verdict hostsNeeded }
    health { name status message }
    distributionOf
    distributions { armKey bins { from to count } ecdf { value fraction } }
  }
}`;

interface ArmComparison {
  relativeDiff: number;
  ciLow: number;
  ciHigh: number;
  verdict: string;
  adjustedP: number;
  hostsNeeded: number | null;
}

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await server.gql(CREATE_CHANGE, { input: { slug: 'rpm-cow', title: 'RPM CoW' } });
  const created = await server.gql(CREATE_EXPERIMENT, {
    input: {
      changeSlug: 'rpm-cow',
      slug: 'known-effect',
      title: 'Known effect',
      arms: [
        { key: 'baseline', weight: 1, baseline: true, packages: ['rpm-4.16.1.3-34.el9'] },
        { key: 'cow', weight: 1, baseline: false, packages: ['rpm-4.16.1.3-34.hs.el9'] },
      ],
      metrics: [
        { metric: 'install_duration_ms', role: 'PRIMARY', margin: 0.02 },
        { metric: 'download_bytes', role: 'GUARDRAIL', margin: 0.1 },
      ],
    },
  });
  expect(created.errors).toBeUndefined();
  await server.gql(START, { slug: 'known-effect' });
  await fixSplit(server.db.url, 'known-effect');
  await simulate({
    server: server.url,
    enrollSecret: await createSecret(server),
    experiment: 'known-effect',
    hosts: 600,
    seed: 7,
    effects: { ...RPM_COW_EFFECTS, installDuration: -0.5, download: 0 },
    preDays: 2,
    transactionsPerDay: 2,
    transactionsAfter: 20,
    concurrency: 8,
  });
  await server.folded();
}, 240_000);
afterAll(() => server.close());

async function compare(metric: string, segment?: { dimension: string; value: string }) {
  const result = await server.gql(COMPARISON, { slug: 'known-effect', metric, segment });
  if (result.errors) throw new Error(result.errors[0]!.message);
  return result.data!.comparison as {
    arms: { armKey: string; hosts: number; samples: number; median: number | null }[];
    comparisons: ArmComparison[];
    health: { name: string; status: string; message: string }[];
    distributionOf: string;
    distributions: {
      armKey: string;
      bins: { from: number; to: number; count: number }[];
      ecdf: { value: number; fraction: number }[];
    }[];
  };
}

/** Whether an estimate is within `k` standard errors of the truth, the standard error read off its 95% interval. */
function near(c: ArmComparison, truth: number, k = 4): boolean {
  const se = (c.ciHigh - c.ciLow) / (2 * 1.96);
  return Math.abs(c.relativeDiff - truth) <= k * se;
}

describe('comparison', () => {
  it('finds the injected install-time effect where reflinks work, and none on ext4', async () => {
    const btrfs = (
      await compare('install_duration_ms', { dimension: 'ROOT_FS_TYPE', value: 'btrfs' })
    ).comparisons[0]!;
    expect(near(btrfs, -0.5)).toBe(true);
    expect(btrfs.ciHigh).toBeLessThan(0);
    expect(btrfs.verdict).toBe('BETTER');

    const ext4 = (
      await compare('install_duration_ms', { dimension: 'ROOT_FS_TYPE', value: 'ext4' })
    ).comparisons[0]!;
    expect(near(ext4, 0)).toBe(true);
    expect(near(ext4, -0.5)).toBe(false);
  });

  it('reports every field for all hosts, with a healthy split', async () => {
    const all = await compare('install_duration_ms');
    expect(all.arms.map((a) => a.armKey)).toEqual(['baseline', 'cow']);
    for (const arm of all.arms) {
      expect(arm.hosts).toBeGreaterThan(250);
      expect(arm.samples).toBe(arm.hosts * 20);
      expect(arm.median).toBeGreaterThan(0);
    }
    const cow = all.comparisons[0]!;
    expect(cow.relativeDiff).toBeLessThan(0);
    expect(cow.verdict).toBe('BETTER');
    expect(all.health.find((h) => h.name === 'Sample ratio')?.status).toBe('OK');
  });

  it('gives each arm a histogram on shared bins and an ECDF, of samples or of host values in a segment', async () => {
    const all = await compare('install_duration_ms');
    expect(all.distributionOf).toBe('SAMPLES');
    const [baseline, cow] = all.distributions;
    expect(baseline!.bins.map((b) => b.from)).toEqual(cow!.bins.map((b) => b.from));
    all.distributions.forEach((d, i) => {
      expect(d.bins.reduce((sum, b) => sum + b.count, 0)).toBe(all.arms[i]!.samples);
      expect(d.ecdf.at(-1)!.fraction).toBeCloseTo(1, 12);
    });
    const segment = await compare('install_duration_ms', { dimension: 'ARCH', value: 'aarch64' });
    expect(segment.distributionOf).toBe('HOST_MEANS');
    segment.distributions.forEach((d, i) => {
      expect(d.bins.reduce((sum, b) => sum + b.count, 0)).toBe(segment.arms[i]!.hosts);
    });
  });

  it('shows no effect on downloads, which the change does not touch', async () => {
    const download = (await compare('download_bytes')).comparisons[0]!;
    expect(near(download, 0)).toBe(true);
    expect(download.verdict).toBe('NO_WORSE');
  });

  it('checks exposure, contamination and the balance of strata', async () => {
    const health = (await compare('install_duration_ms')).health;
    const status = (name: string) => health.find((h) => h.name === name)?.status;
    expect(status('Exposure')).toBe('OK');
    expect(status('Contamination')).toBe('OK');
    expect(status('Balance of root filesystem')).toBe('OK');
    expect(status('Balance of arch')).toBe('OK');

    const db = new pg.Client({ connectionString: server.db.url });
    await db.connect();
    try {
      // Ten baseline hosts pick up the treatment's rpm.
      await db.query(
        `UPDATE host SET facts = jsonb_set(facts, '{packages}', '{"rpm": "4.16.1.3-34.hs.el9"}')
          WHERE id IN (SELECT e.host_id FROM enrollment e JOIN arm a ON a.id = e.arm_id
                        WHERE a.key = 'baseline' ORDER BY e.host_id LIMIT 10)`,
      );
      // As a facts report does: their enrollments are tallied again.
      await db.query(
        `UPDATE enrollment SET tally_pending = true
          WHERE host_id IN (SELECT id FROM host WHERE facts->'packages'->>'rpm' = '4.16.1.3-34.hs.el9')`,
      );
    } finally {
      await db.end();
    }
    await server.folded();
    const after = (await compare('install_duration_ms')).health;
    expect(after.find((h) => h.name === 'Contamination')).toMatchObject({
      status: 'WARNING',
      message: expect.stringMatching(/^10 baseline host\(s\) run a treatment stack/),
    });
  });

  it('answers the same from per-arm aggregates as from host-level values', async () => {
    const BY_METHOD = `query($slug: String!, $segment: SegmentInput, $method: AnalysisMethod) {
      experimentComparisons(experimentSlug: $slug, segment: $segment, method: $method) {
        metric method
        arms { armKey hosts samples mean median p90 p99 }
        comparisons { inference relativeDiff ciLow ciHigh p welchP mannWhitneyP hodgesLehmann hlCiLow hlCiHigh cupedRelativeDiff cupedCiLow cupedCiHigh adjustedP verdict }
        timeSeries { armKey day hosts samples mean ciLow ciHigh }
        health { name status message }
      }
    }`;
    type Answer = {
      metric: string;
      method: string;
      arms: Record<string, number | string>[];
      comparisons: Record<string, number | string | null>[];
      timeSeries: Record<string, number | string>[];
      health: unknown[];
    }[];
    const close = (a: unknown, b: unknown, relative: number): boolean =>
      typeof a === 'number' && typeof b === 'number'
        ? Math.abs(a - b) <= relative * Math.max(Math.abs(a), Math.abs(b), 1e-9)
        : a === b;
    for (const segment of [
      undefined,
      { dimension: 'ROOT_FS_TYPE', value: 'btrfs' },
      { dimension: 'ARCH', value: 'x86_64' },
    ]) {
      const run = async (method: string): Promise<Answer> => {
        const result = await server.gql(BY_METHOD, { slug: 'known-effect', segment, method });
        expect(result.errors).toBeUndefined();
        return result.data!.experimentComparisons as Answer;
      };
      const exact = await run('EXACT');
      const aggregated = await run('AGGREGATED');
      expect(exact.map((c) => c.method)).toEqual(['EXACT', 'EXACT']);
      expect(aggregated.map((c) => c.method)).toEqual(['AGGREGATED', 'AGGREGATED']);
      for (const [i, e] of exact.entries()) {
        const a = aggregated[i]!;
        expect(a.health).toEqual(e.health);
        for (const [j, arm] of e.arms.entries()) {
          for (const [key, value] of Object.entries(arm)) {
            expect([key, close(a.arms[j]![key], value, 1e-9)]).toEqual([key, true]);
          }
        }
        for (const [j, point] of e.timeSeries.entries()) {
          for (const [key, value] of Object.entries(point)) {
            expect([key, close(a.timeSeries[j]![key], value, 1e-9)]).toEqual([key, true]);
          }
        }
        const [ec] = e.comparisons;
        const [ac] = a.comparisons;
        // Welch, the confidence sequences, CUPED, Holm and the verdict come from exact sums.
        for (const key of [
          'inference',
          'relativeDiff',
          'ciLow',
          'ciHigh',
          'p',
          'welchP',
          'cupedRelativeDiff',
          'cupedCiLow',
          'cupedCiHigh',
          'adjustedP',
          'verdict',
        ]) {
          expect([key, close(ac![key], ec![key], 1e-9)]).toEqual([key, true]);
        }
        // Mann-Whitney and Hodges-Lehmann from every host's own mean below
        // EXACT_RANKS_MAX_HOSTS: the exact path's figures (bench:fleet measures the
        // histogram's, above it).
        for (const key of ['mannWhitneyP', 'hodgesLehmann', 'hlCiLow', 'hlCiHigh']) {
          expect([key, close(ac![key], ec![key], 1e-9)]).toEqual([key, true]);
        }
      }
    }
    const windowed = await server.gql(
      `{ comparison(experimentSlug: "known-effect", metric: "install_duration_ms", window: { from: "2026-01-01T00:00:00Z" }, method: AGGREGATED) { method } }`,
    );
    expect(errorCode(windowed)).toBe('BAD_USER_INPUT');
  });

  it('ranks host-mean histograms for Mann-Whitney above FLEETLAB_EXACT_RANKS_MAX_HOSTS, close to the exact path', async () => {
    const ranksFromHistograms = await startTestServer(
      { FLEETLAB_EXACT_RANKS_MAX_HOSTS: '0' },
      server.db,
    );
    try {
      const QUERY = `query($method: AnalysisMethod) {
        comparison(experimentSlug: "known-effect", metric: "install_duration_ms", method: $method) {
          method comparisons { mannWhitneyP hodgesLehmann hlCiLow hlCiHigh }
        }
      }`;
      const run = async (method: string) => {
        const result = await ranksFromHistograms.gql(QUERY, { method });
        expect(result.errors).toBeUndefined();
        return result.data!.comparison as {
          method: string;
          comparisons: Record<string, number>[];
        };
      };
      const [exact, aggregated] = [await run('EXACT'), await run('AGGREGATED')];
      expect(aggregated.method).toBe('AGGREGATED');
      const [e, a] = [exact.comparisons[0]!, aggregated.comparisons[0]!];
      // 0.01%-wide buckets at a few hundred hosts: a tie or two, each moving p by ~1e-3.
      expect(a.mannWhitneyP).not.toBe(e.mannWhitneyP);
      expect(Math.abs(a.mannWhitneyP! - e.mannWhitneyP!)).toBeLessThan(5e-3);
      for (const key of ['hodgesLehmann', 'hlCiLow', 'hlCiHigh']) {
        expect(Math.abs(a[key]! - e[key]!) / Math.abs(e.hodgesLehmann!)).toBeLessThan(0.01);
      }
    } finally {
      await ranksFromHistograms.close();
    }
  });

  it('answers anytime-valid figures by default and fixed-horizon ones when asked, both covering the truth', async () => {
    const BY_INFERENCE = `query($inference: Inference) {
      comparison(experimentSlug: "known-effect", metric: "install_duration_ms",
                 segment: { dimension: ROOT_FS_TYPE, value: "btrfs" }, inference: $inference) {
        inference plannedHostsPerArm
        comparisons { inference relativeDiff ciLow ciHigh p welchP adjustedP cupedRelativeDiff cupedCiLow cupedCiHigh verdict }
      }
    }`;
    const run = async (inference?: string) => {
      const result = await server.gql(BY_INFERENCE, { inference });
      expect(result.errors).toBeUndefined();
      return result.data!.comparison as {
        inference: string;
        plannedHostsPerArm: number;
        comparisons: Record<string, number | string>[];
      };
    };
    const byDefault = await run();
    const fixed = await run('FIXED_HORIZON');
    expect(byDefault.inference).toBe('SEQUENTIAL');
    expect(byDefault.plannedHostsPerArm).toBe(100);
    expect(fixed.inference).toBe('FIXED_HORIZON');
    const [s, f] = [byDefault.comparisons[0]!, fixed.comparisons[0]!];
    expect([s.inference, f.inference]).toEqual(['SEQUENTIAL', 'FIXED_HORIZON']);
    // The same estimate; the sequence is wider; Welch's p the same in both. (The two
    // p-values are not ordered this far out in the tail: Welch's comes from Student's t,
    // the anytime-valid one from a normal mixture.)
    expect(s.relativeDiff).toBe(f.relativeDiff);
    expect(s.ciLow).toBeLessThan(f.ciLow as number);
    expect(s.ciHigh).toBeGreaterThan(f.ciHigh as number);
    expect(s.p).toBeLessThan(0.05);
    expect(s.welchP).toBe(f.welchP);
    expect(f.p).toBe(f.welchP);
    for (const c of [s, f]) {
      expect(c.ciLow).toBeLessThan(-0.5);
      expect(c.ciHigh).toBeGreaterThan(-0.5);
      expect(c.cupedCiLow).toBeLessThan(c.cupedRelativeDiff as number);
      expect(c.cupedCiHigh).toBeGreaterThan(c.cupedRelativeDiff as number);
      expect(c.verdict).toBe('BETTER');
    }
  });

  it('raises sample ratio mismatch when one arm loses hosts', async () => {
    const db = new pg.Client({ connectionString: server.db.url });
    await db.connect();
    try {
      await db.query(
        `DELETE FROM enrollment WHERE ctid IN (
           SELECT e.ctid FROM enrollment e JOIN arm a ON a.id = e.arm_id
            WHERE a.key = 'baseline' ORDER BY e.host_id LIMIT 150)`,
      );
    } finally {
      await db.end();
    }
    // Rows deleted behind the folder's back: the aggregates are rebuilt from what is left.
    const rebuilt = await server.gql('mutation { rebuildAggregates { pendingBatches } }');
    expect(rebuilt.data!.rebuildAggregates).toEqual({ pendingBatches: 0 });
    const srm = (await compare('install_duration_ms')).health.find(
      (h) => h.name === 'Sample ratio',
    )!;
    expect(srm.status).toBe('FAILED');
    expect(srm.message).toMatch(/very unlikely \(sequential test, valid at every look/);
  });

  it('refuses a metric the experiment is not judged on', async () => {
    const result = await server.gql(COMPARISON, {
      slug: 'known-effect',
      metric: 'boot_duration_ms',
    });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.message).toContain('install_duration_ms, download_bytes');
  });
});
