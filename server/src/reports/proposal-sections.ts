import {
  describeRule,
  parsePackageNvr,
  REPORT_FORMATS,
  reportFileName,
  reportPath,
} from '@fleetlab/shared';
import { Verdict } from '../analysis/comparison.model.js';
import { code, heading, list, paragraph, table, type Block, type Inline } from './document.js';
import { healthChecks } from './evidence.js';
import { figurePath, reportFigures } from './figures.js';
import { formatCount, formatPercent, formatShare, formatValue, NONE } from './format-number.js';
import type { ReportData } from './report-data.js';
import { shellWord } from './shell-word.js';
import {
  armByKey,
  armLabel,
  baselineArm,
  effectText,
  metricLabel,
  primaryMetrics,
  treatmentArms,
  verdictText,
  windowQuery,
} from './report-text.js';

// Contents of the Change proposal sections an export can fill from the experiment
// (Benefit, Upgrade impact, How To Test, Dependencies, Documentation); the Discourse
// post reuses the ones that make sense there.

/** Metrics about disk use, whose p99 stands for the peak a host needs. */
const DISK_METRICS = [
  'free_space_drop_bytes',
  'disk_used_delta_bytes',
  'disk_used_bytes',
  'dnf_cache_bytes',
];

/**
 * Packages whose change reaches every Fedora system (the package manager and its
 * libraries, the init system, the C library, the kernel, the firewall backend): a
 * Change that swaps one of them is System-Wide, any other Self-Contained. The Change
 * owners may still pick the other category on the page.
 */
const SYSTEM_WIDE_PACKAGES = new Set([
  'rpm',
  'dnf',
  'dnf5',
  'libdnf',
  'libdnf5',
  'librepo',
  'libsolv',
  'systemd',
  'glibc',
  'kernel',
  'kernel-core',
  'iptables',
  'iptables-nft',
  'iptables-legacy',
  'btrfs-progs',
]);

/** The Change category the page carries: SystemWideChange or SelfContainedChange. */
export function changeCategory(data: ReportData): 'SystemWideChange' | 'SelfContainedChange' {
  const names = treatmentArms(data).flatMap((arm) =>
    arm.packages.map((spec) => parsePackageNvr(spec)?.name ?? spec),
  );
  return names.some((name) => SYSTEM_WIDE_PACKAGES.has(name))
    ? 'SystemWideChange'
    : 'SelfContainedChange';
}

export function benefit(data: ReportData): Block[] {
  const items = data.metrics.flatMap((metric) =>
    metric.comparison.comparisons
      .filter((c) => c.relativeDiff !== null)
      .map((c): Inline[] => [
        `${metricLabel(metric)}, ${armByKey(data, c.armKey)?.key ?? c.armKey}: ${effectText(c)}: ${verdictText(c)}.`,
      ]),
  );
  if (items.length === 0)
    return [paragraph('The fleet has too few hosts with data for a comparison yet.')];
  const blocks = [
    paragraph('Measured on a production fleet against the stock stack (see Fleet evidence):'),
    list(items),
  ];
  const primary = primaryMetrics(data)[0];
  if (primary) {
    const bySegment = data.segments.flatMap((segment) => {
      const found = segment.comparisons.find((c) => c.metric === primary.key);
      return (found?.comparison.comparisons ?? [])
        .filter((c) => c.relativeDiff !== null)
        .map((c): Inline[] => [
          `${segment.value}, ${c.armKey}: ${formatPercent(c.relativeDiff)}, ${verdictText(c)}`,
        ]);
    });
    if (bySegment.length) {
      blocks.push(
        paragraph(`${primary.title} by segment (root filesystem, then arch):`),
        list(bySegment),
      );
    }
  }
  return blocks;
}

export function compatibility(data: ReportData, level: 3 | 4): Block[] {
  const regressions = [
    ...data.metrics.flatMap((m) =>
      m.comparison.comparisons
        .filter((c) => c.verdict === Verdict.WORSE)
        .map((c) => `${metricLabel(m)}, ${c.armKey}, all hosts: ${effectText(c)}`),
    ),
    ...data.segments.flatMap((segment) =>
      segment.comparisons.flatMap(({ metric, comparison }) =>
        comparison.comparisons
          .filter((c) => c.verdict === Verdict.WORSE)
          .map((c) => {
            const label = metricLabel(data.metrics.find((m) => m.key === metric)!);
            return `${label}, ${c.armKey}, ${segment.value} hosts: ${effectText(c)}`;
          }),
      ),
    ),
  ];
  return [
    heading(level, 'Regressions'),
    regressions.length
      ? list(regressions.map((r) => [r]))
      : paragraph(
          'No metric got significantly worse, on all hosts or within any root filesystem or arch.',
        ),
    heading(level, 'Fallback'),
    ...fallback(data),
    heading(level, 'Peak disk use'),
    ...peakDisk(data),
  ];
}

/** Treatment hosts whose root cannot reflink, where copy-on-write falls back to copying. */
function fallback(data: ReportData): Block[] {
  const reflink = data.mix.find((f) => f.fact === 'reflink');
  const arms = data.experiment.arms;
  const lines = treatmentArms(data).map((arm) => {
    const i = arms.indexOf(arm);
    const no = reflink?.values.find((v) => v.value === 'no')?.hostsPerArm[i] ?? 0;
    const all = reflink?.values.reduce((s, v) => s + v.hostsPerArm[i]!, 0) ?? 0;
    return [
      `${armLabel(arm)}: ${formatCount(no)} of ${formatCount(all)} opted-in hosts (${formatShare(no, all)}) report a root filesystem without reflink support, where a change that relies on reflinks falls back to copying.`,
    ];
  });
  const exposure = healthChecks(data).find((h) => h.name === 'Exposure');
  return [
    list(lines),
    ...(exposure
      ? [paragraph(`Exposure (${exposure.status.toLowerCase()}): ${exposure.message}`)]
      : []),
  ];
}

function peakDisk(data: ReportData): Block[] {
  const disk = data.metrics.filter((m) => DISK_METRICS.includes(m.key));
  if (disk.length === 0) {
    return [
      paragraph(
        `The experiment is not judged on a disk metric (${DISK_METRICS.join(', ')}), so this export has no figure for peak disk use.`,
      ),
    ];
  }
  return [
    list(
      disk.map((m) => [
        // The free-space low point is a drop, not a level: say what it measures.
        `${m.key === 'free_space_drop_bytes' ? `${metricLabel(m)}, how far free space fell during a transaction below its level at the start` : metricLabel(m)}: p99 of samples ${m.comparison.arms
          .map((a) => `${a.armKey} ${formatValue(a.p99, m.unit)}`)
          .join(', ')}; mean ${m.comparison.comparisons
          .map((c) => `${c.armKey} ${formatPercent(c.relativeDiff)}`)
          .join(', ')} against the baseline.`,
      ]),
    ),
  ];
}

export function howToTest(data: ReportData, level: 2 | 3): Block[] {
  const sub = (level + 1) as 3 | 4;
  const { experiment } = data;
  const targeting = experiment.targeting.map(describeRule);
  const segments = (dimension: string): string =>
    data.segments
      .filter((s) => s.dimension === dimension)
      .map((s) => s.value)
      .join(', ') || NONE;
  const baseline = baselineArm(data);
  return [
    heading(level, 'How To Test'),
    heading(sub, 'What hardware'),
    paragraph(
      targeting.length
        ? `Hosts that match the experiment's targeting: ${targeting.join('; ')}.`
        : 'Any host; the experiment does not target particular hosts.',
      ` The fleet evidence covers root filesystems ${segments('ROOT_FS_TYPE')} and arches ${segments('ARCH')}.`,
    ),
    heading(sub, 'How to prepare'),
    paragraph(
      `The baseline arm, ${armLabel(baseline)}, is the stock stack${baseline.packages.length ? `: ${baseline.packages.join(', ')}` : ''}.`,
    ),
    ...treatmentArms(data).flatMap((arm) => [
      paragraph(`For ${armLabel(arm)}, enable its repositories and install its packages:`),
      code([
        ...arm.repos.map((repo, i) => addRepo(arm.key, repo, i, arm.repos.length)),
        arm.packages.length
          ? `dnf install -y ${arm.packages.map(shellWord).join(' ')}`
          : '# no packages: the stock stack',
      ]),
    ]),
    paragraph(
      'To report measurements to Fleetlab, install the agent, point it at the server, put the enroll secret from the Fleetlab admins in its file (never on a command line), enroll once and start the daily report:',
    ),
    code([
      'dnf install -y fleetlab-agent',
      `sed -i ${shellWord(`s|^server = .*|server = ${data.baseUrl}|`)} /etc/fleetlab/agent.conf`,
      '(umask 077; cat > /etc/fleetlab/enroll-secret)   # paste the secret, then Ctrl-D',
      'fleetlab-agent enroll',
      'systemctl enable --now fleetlab-agent-report.timer',
    ]),
    heading(sub, 'What to do'),
    paragraph(
      "Opt the host in (it answers the arm the host belongs to), install that arm's stack, then use dnf as usual: the agent's dnf hooks measure every transaction and the timer reports them (fleetlab-agent report sends them at once):",
    ),
    code([`fleetlab-agent opt-in ${experiment.slug}`, 'dnf -y upgrade', 'fleetlab-agent report']),
    heading(sub, 'What to expect'),
    list(
      data.metrics.flatMap((metric) =>
        metric.comparison.comparisons.map((c) => [
          `${metricLabel(metric)} on ${c.armKey}: ${c.relativeDiff === null ? 'no estimate yet' : `about ${effectText(c)}`}.`,
        ]),
      ),
    ),
  ];
}

/**
 * dnf 5's config-manager (Fedora 41 on): a .repo file is added from its URL, a bare
 * repository URL becomes a repository of its own with that baseurl.
 */
function addRepo(armKey: string, url: string, index: number, count: number): string {
  if (/\.repo(\?.*)?$/.test(url))
    return `dnf config-manager addrepo ${shellWord(`--from-repofile=${url}`)}`;
  const id = `fleetlab-${armKey}${count > 1 ? `-${index + 1}` : ''}`;
  return `dnf config-manager addrepo --id=${id} ${shellWord(`--set=baseurl=${url}`)}`;
}

export function dependencies(data: ReportData): Block[] {
  const arms = data.experiment.arms;
  const versions = arms.map(
    (arm) =>
      new Map(
        arm.packages.map((spec) => {
          const nvr = parsePackageNvr(spec);
          return nvr ? [nvr.name, `${nvr.version}-${nvr.release}`] : [spec, spec];
        }),
      ),
  );
  const names = [...new Set(versions.flatMap((v) => [...v.keys()]))].sort();
  const blocks: Block[] = [
    names.length
      ? table(
          'Package versions (version-release) of each arm',
          ['Package', ...arms.map((a) => a.key)],
          names.map((name) => [name, ...versions.map((v) => v.get(name) ?? NONE)]),
        )
      : paragraph('The arms list no packages.'),
  ];
  const repos = arms.filter((a) => a.repos.length);
  if (repos.length) {
    blocks.push(list(repos.map((arm) => [`Repositories of ${arm.key}: ${arm.repos.join(', ')}`])));
  }
  return blocks;
}

/** Links back to the dashboard and to every download, then the one generated-at line. */
export function documentation(data: ReportData): Block[] {
  const { baseUrl } = data;
  const slug = data.experiment.slug;
  const query = windowQuery(data.window);
  const dashboard = `${baseUrl}/experiments/${slug}`;
  return [
    list([
      ['Fleetlab dashboard: ', { link: dashboard, text: data.experiment.title }],
      ...REPORT_FORMATS.map((format): Inline[] => [
        `${FORMAT_WORDS[format]}: `,
        {
          link: `${baseUrl}${reportPath(slug, format)}${query}`,
          text: reportFileName(slug, format),
        },
      ]),
      ...reportFigures(data).map((f): Inline[] => [
        'Figure: ',
        { link: `${baseUrl}${figurePath(f.fileName, data.window)}`, text: f.fileName },
      ]),
      ...(data.change.upstreamUrl
        ? [
            [
              'Change page: ',
              { link: data.change.upstreamUrl, text: data.change.upstreamUrl },
            ] as Inline[],
          ]
        : []),
    ]),
    generatedLine(data),
  ];
}

const FORMAT_WORDS = {
  MEDIAWIKI: 'This page as MediaWiki text',
  MARKDOWN: 'The evidence as Markdown (for Discourse)',
  CSV: 'Per-host and per-arm data (CSV)',
  JSON: 'Reproducibility bundle (JSON)',
} as const;

/** The only line that changes between two exports of the same data. */
export const generatedLine = (data: ReportData): Block =>
  paragraph({ emphasis: `Generated by Fleetlab at ${data.generatedAt}.` });
