import { describe, expect, it } from '@jest/globals';
import { sketchBucketOf, type ValidSample } from '@fleetlab/shared';
import { dayOf, foldSamples, periodOf, PRE_PERIOD_MS, type ActiveEnrollment } from './rollups.js';

const OPTED_IN = new Date('2026-11-20T00:00:00Z');
const enrollment = (experimentId: string, armId: string): ActiveEnrollment => ({
  experimentId,
  armId,
  firstOptedInAt: OPTED_IN,
  optedOutAt: null,
  optedIn: true,
  gaps: [],
});
const sample = (
  id: string,
  observedAt: string,
  values: Record<string, number>,
  packages = 3,
): ValidSample => ({
  id,
  kind: 'package_transaction',
  observedAt: new Date(observedAt),
  values,
  context: { packages },
});

describe('periodOf', () => {
  const e = enrollment('e', 'a');
  it('splits a sample into the look-back before the first opt-in, the experiment, or neither', () => {
    expect(periodOf(e, new Date(OPTED_IN.getTime() - 1))).toBe('PRE');
    expect(periodOf(e, new Date(OPTED_IN.getTime() - PRE_PERIOD_MS))).toBe('PRE');
    expect(periodOf(e, new Date(OPTED_IN.getTime() - PRE_PERIOD_MS - 1))).toBeNull();
    expect(periodOf(e, OPTED_IN)).toBe('IN');
    const out = { ...e, optedIn: false, optedOutAt: new Date('2026-11-22T00:00:00Z') };
    expect(periodOf(out, new Date('2026-11-21T00:00:00Z'))).toBe('IN');
    expect(periodOf(out, new Date('2026-11-22T00:00:00Z'))).toBeNull();
  });

  it('counts nothing in a gap between an opt-out and the next opt-in', () => {
    const back = {
      ...e,
      gaps: [{ from: new Date('2026-11-22T00:00:00Z'), to: new Date('2026-11-23T00:00:00Z') }],
    };
    expect(periodOf(back, new Date('2026-11-21T23:59:59Z'))).toBe('IN');
    expect(periodOf(back, new Date('2026-11-22T00:00:00Z'))).toBeNull();
    expect(periodOf(back, new Date('2026-11-22T23:59:59Z'))).toBeNull();
    expect(periodOf(back, new Date('2026-11-23T00:00:00Z'))).toBe('IN');
    // Out again since the 24th, the last gap still counts for nothing.
    const outAgain = { ...back, optedIn: false, optedOutAt: new Date('2026-11-24T00:00:00Z') };
    expect(periodOf(outAgain, new Date('2026-11-22T12:00:00Z'))).toBeNull();
    expect(periodOf(outAgain, new Date('2026-11-23T12:00:00Z'))).toBe('IN');
    expect(periodOf(outAgain, new Date('2026-11-24T12:00:00Z'))).toBeNull();
  });
});

describe('dayOf', () => {
  it('is the UTC date, the same when asked again', () => {
    expect(dayOf(new Date('2026-11-20T23:59:59.999Z'))).toBe('2026-11-20');
    expect(dayOf(new Date('2026-11-21T00:00:00Z'))).toBe('2026-11-21');
    expect(dayOf(new Date('2026-11-20T00:00:00Z'))).toBe('2026-11-20');
    expect(dayOf(new Date('1969-12-31T12:00:00Z'))).toBe('1969-12-31');
  });
});

describe('foldSamples', () => {
  const samples = [
    sample('pre', '2026-11-19T10:00:00Z', { install_duration_ms: 100 }),
    sample('in-1', '2026-11-20T10:00:00Z', { install_duration_ms: 200, download_bytes: 5 }, 1),
    sample('in-2', '2026-11-20T11:00:00Z', { install_duration_ms: 400 }, 50),
    sample('in-3', '2026-11-21T11:00:00Z', { install_duration_ms: 200 }, 0),
    sample('too-old', '2026-10-01T00:00:00Z', { install_duration_ms: 9 }),
  ];

  it('adds up each period, day, size class and histogram bucket', () => {
    const folded = foldSamples(samples, [enrollment('e1', 'arm')]);
    expect(folded.hostRows).toEqual([
      expect.objectContaining({ metric: 'download_bytes', period: 'IN', count: 1, sum: 5 }),
      {
        experimentId: 'e1',
        armId: 'arm',
        metric: 'install_duration_ms',
        period: 'IN',
        count: 3,
        sum: 800,
        sumSq: 200 ** 2 * 2 + 400 ** 2,
        min: 200,
        max: 400,
      },
      expect.objectContaining({ metric: 'install_duration_ms', period: 'PRE', count: 1, sum: 100 }),
    ]);
    expect(
      folded.dailyRows.map((r) => [r.metric, r.day, r.count, r.sum, r.sumSq, r.sizeClass]),
    ).toEqual([
      ['download_bytes', '2026-11-20', 1, 5, 25, ''],
      ['install_duration_ms', '2026-11-20', 2, 600, 200 ** 2 + 400 ** 2, ''],
      ['install_duration_ms', '2026-11-21', 1, 200, 200 ** 2, ''],
    ]);
    // The sample with 0 packages has no size class.
    expect(folded.sizeRows.map((r) => [r.metric, r.day, r.sizeClass, r.count])).toEqual([
      ['download_bytes', '2026-11-20', '1', 1],
      ['install_duration_ms', '2026-11-20', '1', 1],
      ['install_duration_ms', '2026-11-20', '11-100', 1],
    ]);
    const bins = folded.histogramRows.filter((r) => r.metric === 'install_duration_ms');
    expect(bins.map((r) => [r.day, r.bucket, r.count])).toEqual(
      expect.arrayContaining([
        ['2026-11-20', sketchBucketOf(200), 1],
        ['2026-11-20', sketchBucketOf(400), 1],
        ['2026-11-21', sketchBucketOf(200), 1],
      ]),
    );
    expect(bins.reduce((n, r) => n + r.count, 0)).toBe(3);
  });

  it('counts a sample toward every experiment, rows ordered by experiment whatever the enrollments’ order', () => {
    const one = foldSamples(samples, [enrollment('e2', 'b'), enrollment('e1', 'a')]);
    const other = foldSamples(samples, [enrollment('e1', 'a'), enrollment('e2', 'b')]);
    expect(one).toEqual(other);
    const experiments = (rows: { experimentId: string; armId: string }[]) =>
      rows.map((r) => `${r.experimentId}/${r.armId}`);
    expect(experiments(one.hostRows)).toEqual(['e1/a', 'e1/a', 'e1/a', 'e2/b', 'e2/b', 'e2/b']);
    expect(new Set(experiments(one.histogramRows))).toEqual(new Set(['e1/a', 'e2/b']));
    expect(foldSamples(samples, [])).toEqual({
      hostRows: [],
      dailyRows: [],
      sizeRows: [],
      histogramRows: [],
    });
  });
});
