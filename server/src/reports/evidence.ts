import { SAMPLE_KINDS, describeRule } from '@fleetlab/shared';
import type { ArmComparison, ArmSummary, HealthCheck } from '../analysis/comparison.model.js';
import { heading, list, paragraph, table, type Block } from './document.js';
import { figurePath, reportFigures } from './figures.js';
import {
  NONE,
  formatCount,
  formatDifference,
  formatInterval,
  formatP,
  formatPercent,
  formatShare,
  formatValue,
} from './format-number.js';
import type { ReportData, ReportMetric, ReportResult } from './report-data.js';
import {
  armByKey,
  armLabel,
  dataDays,
  inferenceWords,
  verdictText,
  windowText,
} from './report-text.js';

// The "Fleet evidence" the wiki page and the Discourse post both carry: method, hosts
// and samples, fact mix, a table per metric, tables by segment and the health checks.

type Level = 2 | 3;

const SEGMENT_LABELS = { ROOT_FS_TYPE: 'Root filesystem', ARCH: 'Arch' } as const;

const FACT_LABELS: Record<string, string> = {
  rootFsType: 'Root filesystem',
  reflink: 'Reflink support',
  arch: 'Arch',
  os: 'OS',
};

export function fleetEvidence(data: ReportData, level: Level): Block[] {
  const sub = (level + 1) as 3 | 4;
  return [
    heading(level, 'Fleet evidence'),
    heading(sub, 'Method'),
    ...method(data),
    heading(sub, 'Hosts and samples'),
    hostsTable(data),
    heading(sub, 'Hardware and filesystem mix'),
    mixTable(data),
    heading(sub, 'Results'),
    ...results(data),
    heading(sub, 'Results by segment'),
    ...segmentTables(data),
    heading(sub, 'Health checks'),
    healthList(data),
  ];
}

function method(data: ReportData): Block[] {
  const { experiment } = data;
  const days = dataDays(data);
  const weights = experiment.arms.map((a) => `${a.key} ${a.weight}`).join(', ');
  const targeting = experiment.targeting.length
    ? experiment.targeting.map(describeRule).join('; ')
    : 'every enrolled host';
  return [
    paragraph(
      `Experiment "${experiment.title}" (${experiment.slug}), ${experiment.status.toLowerCase()}; ` +
        `started ${experiment.startedAt?.slice(0, 10) ?? 'not yet'}` +
        (experiment.concludedAt ? `, concluded ${experiment.concludedAt.slice(0, 10)}` : '') +
        `. Window: ${windowText(data.window)}; data from ${days ? `${days.first} to ${days.last}` : 'no day yet'}.`,
    ),
    list([
      [`Hosts: ${targeting}, opted in by their owners.`],
      [
        `Assignment: by a hash of the experiment's salt and the host id, with weights ${weights}; a host keeps its arm.`,
      ],
      [
        'Unit of analysis: the host. Each host contributes one value per metric, the mean of its samples in the window, because samples of one host are correlated.',
      ],
      [
        (data.experiment.inference === 'FIXED_HORIZON'
          ? "Tests: Welch's t-test on host values, with the relative difference and its 95% interval by the delta method, valid for one look at a number of hosts fixed in advance; "
          : 'Tests: anytime-valid confidence sequences on host values (Waudby-Smith et al. 2023), for the relative difference by the delta method: ' +
            'the 95% intervals and p-values hold at every look at once, so watching the experiment as it ran did not inflate them; ' +
            `they are tuned to be narrowest at ${formatCount(data.experiment.plannedHostsPerArm)} hosts per arm. ` +
            "Welch's t-test (p (Welch)) is given beside them, valid only for one look at a size fixed in advance; ") +
          'Mann-Whitney U with the Hodges-Lehmann shift, which does not assume normality (fixed-horizon); ' +
          `p-values Holm-adjusted across the experiment's ${data.metrics.length} metric(s).`,
      ],
      [
        "Verdicts: better (significant improvement), no worse (the interval excludes a degradation beyond the metric's margin), worse (significant degradation), inconclusive.",
      ],
      [
        'Percentiles (median, p90, p99) are of all samples, from mergeable histograms accurate to 1%; within segments only host-level values are compared.',
      ],
      [`Statistics engine: @fleetlab/shared ${data.engineVersion}.`],
    ]),
  ];
}

/** Samples of each kind per arm: per host, the count of its most frequent metric of that kind. */
function samplesByKind(data: ReportData): { title: string; perArm: number[] }[] {
  const kinds = SAMPLE_KINDS.filter((k) => data.metrics.some((m) => m.sampleKind === k.key));
  return kinds.map((kind) => {
    const perHost = new Map<string, { arm: string; count: number }>();
    for (const h of data.hostAggregates) {
      if (!kind.metrics.includes(h.metric)) continue;
      const seen = perHost.get(h.hostId);
      if (!seen || seen.count < h.count) perHost.set(h.hostId, { arm: h.arm, count: h.count });
    }
    const perArm = data.experiment.arms.map((arm) =>
      [...perHost.values()].filter((v) => v.arm === arm.key).reduce((s, v) => s + v.count, 0),
    );
    return { title: `${kind.title}s`, perArm };
  });
}

function hostsTable(data: ReportData): Block {
  const kinds = samplesByKind(data);
  const withData = (armKey: string): number =>
    Math.max(
      0,
      ...data.metrics.map((m) => m.comparison.arms.find((a) => a.armKey === armKey)?.hosts ?? 0),
    );
  return table(
    'Hosts and samples per arm',
    ['Arm', 'Role', 'Weight', 'Hosts opted in', 'Hosts with data', ...kinds.map((k) => k.title)],
    data.experiment.arms.map((arm, i) => [
      armLabel(arm),
      arm.baseline ? 'baseline' : 'treatment',
      String(arm.weight),
      formatCount(arm.optedIn),
      formatCount(withData(arm.key)),
      ...kinds.map((k) => formatCount(k.perArm[i]!)),
    ]),
  );
}

function mixTable(data: ReportData): Block {
  const arms = data.experiment.arms;
  return table(
    'Opted-in hosts by fact and arm',
    ['Fact', 'Value', ...arms.map((a) => a.key), 'All'],
    data.mix.flatMap((fact) =>
      fact.values.map((v) => [
        FACT_LABELS[fact.fact] ?? fact.fact,
        v.value,
        ...v.hostsPerArm.map(formatCount),
        formatCount(v.hostsPerArm.reduce((s, n) => s + n, 0)),
      ]),
    ),
  );
}

const DIRECTION_WORDS = {
  LOWER_IS_BETTER: 'lower is better',
  HIGHER_IS_BETTER: 'higher is better',
};

function metricCaption(metric: ReportMetric): string {
  const margin = metric.margin !== null ? `, margin ${formatShare(metric.margin, 1)}` : '';
  return `${metric.title} (${metric.key}; ${DIRECTION_WORDS[metric.direction]}; ${metric.role.toLowerCase()}${margin})`;
}

const METRIC_TABLE_HEADER = (inference: string): string[] => [
  'Arm',
  'Hosts (n)',
  'Samples',
  'Mean',
  'Median',
  'p90',
  'p99',
  'Difference',
  'Relative difference',
  `95% interval (${inferenceWords(inference)})`,
  'p (Welch)',
  'p (Holm)',
  'p (Mann-Whitney)',
  'Verdict',
];

function metricTable(data: ReportData, metric: ReportMetric): Block {
  const v = (x: number | null): string => formatValue(x, metric.unit);
  const rows = metric.comparison.arms.map((arm: ArmSummary) => {
    const c = metric.comparison.comparisons.find((x) => x.armKey === arm.armKey);
    const summary = [
      armLabel(armByKey(data, arm.armKey) ?? { key: arm.armKey, name: null }),
      formatCount(arm.hosts),
      formatCount(arm.samples),
      v(arm.mean),
      v(arm.median),
      v(arm.p90),
      v(arm.p99),
    ];
    if (!c) return [...summary, NONE, NONE, NONE, NONE, NONE, NONE, 'baseline'];
    return [
      ...summary,
      formatDifference(c.absoluteDiff, metric.unit),
      formatPercent(c.relativeDiff),
      formatInterval(c.ciLow, c.ciHigh),
      formatP(c.welchP),
      formatP(c.adjustedP),
      formatP(c.mannWhitneyP),
      verdictText(c),
    ];
  });
  return table(metricCaption(metric), METRIC_TABLE_HEADER(data.experiment.inference), rows);
}

function results(data: ReportData): Block[] {
  const figures = reportFigures(data);
  const figure = (key: string): Block => {
    const ref = figures.find((f) => f.key === key)!;
    const url = `${data.baseUrl}${figurePath(ref.fileName, data.window)}`;
    return { kind: 'figure', fileName: ref.fileName, url, caption: ref.caption };
  };
  return [
    figure('effects'),
    ...data.metrics.flatMap((metric) => [metricTable(data, metric), figure(metric.key)]),
  ];
}

const SEGMENT_TABLE_HEADER = (
  dimension: keyof typeof SEGMENT_LABELS,
  inference: string,
): string[] => [
  SEGMENT_LABELS[dimension],
  'Metric',
  'Arm',
  'Hosts (baseline / treatment)',
  'Baseline mean',
  'Treatment mean',
  'Relative difference',
  `95% interval (${inferenceWords(inference)})`,
  'p (Welch)',
  'Verdict',
];

function segmentRow(
  data: ReportData,
  value: string,
  metric: ReportMetric,
  comparison: ReportResult,
  c: ArmComparison,
): string[] {
  const baseline = comparison.arms.find((a) => a.baseline);
  const treatment = comparison.arms.find((a) => a.armKey === c.armKey);
  return [
    value,
    metric.title,
    armByKey(data, c.armKey)?.key ?? c.armKey,
    `${formatCount(baseline?.hosts ?? 0)} / ${formatCount(treatment?.hosts ?? 0)}`,
    formatValue(baseline?.mean ?? null, metric.unit),
    formatValue(treatment?.mean ?? null, metric.unit),
    formatPercent(c.relativeDiff),
    formatInterval(c.ciLow, c.ciHigh),
    formatP(c.welchP),
    verdictText(c),
  ];
}

function segmentTables(data: ReportData): Block[] {
  const dimensions = (Object.keys(SEGMENT_LABELS) as (keyof typeof SEGMENT_LABELS)[]).filter((d) =>
    data.segments.some((s) => s.dimension === d),
  );
  if (dimensions.length === 0)
    return [paragraph('No opted-in host reports its root filesystem or arch.')];
  return dimensions.map((dimension) =>
    table(
      `By ${SEGMENT_LABELS[dimension].toLowerCase()}`,
      SEGMENT_TABLE_HEADER(dimension, data.experiment.inference),
      data.segments
        .filter((s) => s.dimension === dimension)
        .flatMap((segment) =>
          segment.comparisons.flatMap(({ metric: key, comparison }) => {
            const metric = data.metrics.find((m) => m.key === key)!;
            return comparison.comparisons.map((c) =>
              segmentRow(data, segment.value, metric, comparison, c),
            );
          }),
        ),
    ),
  );
}

/** Every metric's health checks, each distinct one once. */
export function healthChecks(data: ReportData): HealthCheck[] {
  const seen = new Set<string>();
  return data.metrics
    .flatMap((m) => m.comparison.health)
    .filter((h) => {
      const key = `${h.name}\n${h.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

function healthList(data: ReportData): Block {
  const checks = healthChecks(data);
  return checks.length
    ? list(
        checks.map((h) => [{ strong: `${h.name} (${h.status.toLowerCase()}):` }, ` ${h.message}`]),
      )
    : paragraph('No health checks ran: no host has opted in yet.');
}
