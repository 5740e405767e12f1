import { createHash } from 'node:crypto';
import type { ReportComparison, ReportData } from './report-data.js';

// The reproducibility bundle: the experiment's definition, the window, the version of
// the statistics engine, the per-host aggregates the statistics were computed from
// with their sha256, and the results. report-bundle.schema.json describes it.

const BUNDLE_VERSION = 2;

/**
 * JSON with object keys sorted at every level and no whitespace; numbers as
 * JSON.stringify writes them (the shortest text that reads back as the same double).
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

const results = (c: ReportComparison) => ({
  arms: c.arms,
  comparisons: c.comparisons,
  health: c.health,
});

export function bundle(data: ReportData) {
  const { experiment, change } = data;
  return {
    bundleVersion: BUNDLE_VERSION,
    generatedAt: data.generatedAt,
    engine: { package: '@fleetlab/shared', version: data.engineVersion },
    experiment: {
      slug: experiment.slug,
      title: experiment.title,
      hypothesis: experiment.hypothesis,
      status: experiment.status,
      startedAt: experiment.startedAt,
      pausedAt: experiment.pausedAt,
      concludedAt: experiment.concludedAt,
      change,
      arms: experiment.arms.map(({ optedIn: _optedIn, ...arm }) => arm),
      targeting: experiment.targeting,
      plannedHostsPerArm: experiment.plannedHostsPerArm,
      metrics: data.metrics.map((m) => ({
        metric: m.key,
        title: m.title,
        role: m.role,
        margin: m.margin,
        unit: m.unit,
        direction: m.direction,
      })),
    },
    window: data.window,
    results: data.metrics.map((m) => ({ metric: m.key, ...results(m.comparison) })),
    segmentResults: data.segments.flatMap((s) =>
      s.comparisons.map((c) => ({
        dimension: s.dimension,
        value: s.value,
        metric: c.metric,
        arms: c.comparison.arms,
        comparisons: c.comparison.comparisons,
      })),
    ),
    data: {
      sha256: sha256(canonicalJson(data.hostAggregates)),
      hostAggregates: data.hostAggregates,
    },
  };
}

/**
 * The bundle as indented JSON, with one per-host aggregate per line so that a large
 * fleet stays readable; `generatedAt` is alone on its line.
 */
export function renderBundle(data: ReportData): string {
  const { data: hostData, ...rest } = bundle(data);
  const head = JSON.stringify(rest, null, 2).slice(0, -2); // without the closing "\n}"
  const rows = hostData.hostAggregates.map((h) => `      ${JSON.stringify(h)}`).join(',\n');
  return [
    `${head},`,
    '  "data": {',
    `    "sha256": ${JSON.stringify(hostData.sha256)},`,
    rows ? `    "hostAggregates": [\n${rows}\n    ]` : '    "hostAggregates": []',
    '  }',
    '}',
    '',
  ].join('\n');
}
