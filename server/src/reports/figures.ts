import { meanInterval } from '@fleetlab/shared';
import { formatPercent, formatValue } from './format-number.js';
import type { ReportData, ReportMetric } from './report-data.js';
import { armLabel, verdictText, windowQuery } from './report-text.js';
import { line, niceTicks, px, scale, svgDocument, text } from './svg.js';

// The figures a wiki page references as [[File:NAME.svg]]: a forest plot of every
// metric's relative difference with its interval, and per metric the arms' means.
// Names carry the experiment slug, since wiki file names are global.

const PREFIX = 'Fleetlab-';
const EFFECTS_FIGURE = 'effects';

export interface FigureRef {
  /** `effects` or a metric key. */
  key: string;
  fileName: string;
  caption: string;
}

export const figureFileName = (slug: string, key: string): string => `${PREFIX}${slug}-${key}.svg`;

/** Where the server serves a figure of the data's window. */
export const figurePath = (fileName: string, window: ReportData['window']): string =>
  `/reports/figures/${fileName}${windowQuery(window)}`;

/** Slug and figure key of a figure file name; keys never contain a hyphen, slugs may. */
export function parseFigureFileName(name: string): { slug: string; key: string } | null {
  const match = /^Fleetlab-(.+)-([a-z0-9_]+)\.svg$/.exec(name);
  return match ? { slug: match[1]!, key: match[2]! } : null;
}

export function reportFigures(data: ReportData): FigureRef[] {
  const slug = data.experiment.slug;
  return [
    {
      key: EFFECTS_FIGURE,
      fileName: figureFileName(slug, EFFECTS_FIGURE),
      caption: `${data.experiment.title}: relative difference of each treatment arm against the baseline, per metric, with 95% intervals`,
    },
    ...data.metrics.map((m) => ({
      key: m.key,
      fileName: figureFileName(slug, m.key),
      caption: `${m.title}: mean of host-level values per arm, with 95% intervals`,
    })),
  ];
}

/** The SVG of a figure, or null when the experiment has no figure of that key. */
export function renderFigure(data: ReportData, key: string): string | null {
  if (key === EFFECTS_FIGURE) return effectsFigure(data);
  const metric = data.metrics.find((m) => m.key === key);
  return metric ? armMeansFigure(data, metric) : null;
}

/** "1.000 GB" -> "1 GB", "+25.0%" -> "+25%": round ticks need no trailing zeros. */
export const tickLabel = (label: string): string =>
  label.replace(/(\.\d*?)0+(?=\s|%|$)/, '$1').replace(/\.(?=\s|%|$)/, '');

const VERDICT_COLOURS: Record<string, string> = {
  BETTER: '#2e7d32',
  NO_WORSE: '#1565c0',
  WORSE: '#c62828',
  INCONCLUSIVE: '#757575',
};

/** Forest plot: one row per metric and treatment arm, a point and its interval. */
function effectsFigure(data: ReportData): string {
  const rows = data.metrics.flatMap((metric) =>
    metric.comparison.comparisons.map((c) => ({ metric, c })),
  );
  const width = 820;
  const rowHeight = 30;
  const top = 56;
  const height = top + Math.max(1, rows.length) * rowHeight + 76;
  const [left, right] = [250, 560];
  const title = `${data.experiment.title}: treatment against baseline`;
  const body: string[] = [text(12, 22, title, { 'font-size': '15', 'font-weight': 'bold' })];
  const marginAt = (m: ReportMetric): number | null =>
    m.margin === null ? null : m.direction === 'LOWER_IS_BETTER' ? m.margin : -m.margin;
  const values = rows.flatMap(({ metric, c }) =>
    [c.relativeDiff, c.ciLow, c.ciHigh, marginAt(metric)].filter(
      (v): v is number => v !== null && Number.isFinite(v),
    ),
  );
  if (values.length === 0) {
    body.push(text(12, top + 20, 'No comparison yet: too few hosts with data.'));
    return svgDocument(width, height, title, body);
  }
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const pad = (hi - lo) * 0.05 || 0.01;
  const x = scale([lo - pad, hi + pad], [left, right]);
  const bottom = top + rows.length * rowHeight;
  for (const tick of niceTicks(lo - pad, hi + pad)) {
    body.push(line(x(tick), top - 6, x(tick), bottom, tick === 0 ? '#424242' : '#e0e0e0'));
    body.push(
      text(x(tick), bottom + 16, tickLabel(formatPercent(tick)), { 'text-anchor': 'middle' }),
    );
  }
  body.push(
    text((left + right) / 2, bottom + 34, 'relative difference, treatment vs baseline', {
      'text-anchor': 'middle',
    }),
  );
  rows.forEach(({ metric, c }, i) => {
    const y = top + i * rowHeight + rowHeight / 2;
    const colour = VERDICT_COLOURS[c.verdict] ?? '#757575';
    const arm = data.experiment.arms.find((a) => a.key === c.armKey);
    body.push(text(12, y + 4, `${metric.title} · ${arm ? armLabel(arm) : c.armKey}`));
    const margin = marginAt(metric);
    if (margin !== null) {
      body.push(line(x(margin), y - 9, x(margin), y + 9, '#ef6c00', ' stroke-dasharray="3,2"'));
    }
    if (c.ciLow !== null && c.ciHigh !== null) {
      body.push(line(x(c.ciLow), y, x(c.ciHigh), y, colour, ' stroke-width="2"'));
    }
    if (c.relativeDiff !== null) {
      body.push(`<circle cx="${px(x(c.relativeDiff))}" cy="${px(y)}" r="5" fill="${colour}"/>`);
    }
    body.push(
      text(
        right + 16,
        y + 4,
        `${formatPercent(c.relativeDiff)}  ${verdictText({ verdict: c.verdict, hostsNeeded: null })}`,
        {
          fill: colour,
        },
      ),
    );
  });
  const legendY = height - 12;
  let legendX = 12;
  for (const [verdict, colour] of Object.entries(VERDICT_COLOURS)) {
    body.push(`<circle cx="${px(legendX + 5)}" cy="${px(legendY - 4)}" r="5" fill="${colour}"/>`);
    const label = verdictText({ verdict, hostsNeeded: null });
    body.push(text(legendX + 14, legendY, label));
    legendX += 30 + label.length * 7;
  }
  body.push(
    line(legendX + 4, legendY - 10, legendX + 4, legendY + 2, '#ef6c00', ' stroke-dasharray="3,2"'),
  );
  body.push(text(legendX + 12, legendY, 'non-inferiority margin'));
  return svgDocument(width, height, title, body);
}

/** Bars of each arm's mean of host-level values, with a 95% t interval. */
function armMeansFigure(data: ReportData, metric: ReportMetric): string {
  const arms = data.experiment.arms.map((arm) => {
    const hostMeans = data.hostAggregates
      .filter((h) => h.metric === metric.key && h.arm === arm.key)
      .map((h) => h.mean);
    return { arm, interval: hostMeans.length ? meanInterval(hostMeans) : null };
  });
  const barWidth = 90;
  const gap = 50;
  const [left, top, plotHeight] = [110, 50, 240];
  const width = left + arms.length * (barWidth + gap) + gap;
  const height = top + plotHeight + 60;
  const title = `${metric.title} (${metric.key})`;
  const body: string[] = [text(12, 22, title, { 'font-size': '15', 'font-weight': 'bold' })];
  const values = arms.flatMap(({ interval }) =>
    interval ? [interval.mean, interval.low ?? interval.mean, interval.high ?? interval.mean] : [],
  );
  if (values.length === 0) {
    body.push(text(12, top + 20, 'No host has data for this metric yet.'));
    return svgDocument(width, height, title, body);
  }
  const [lo, hi] = [Math.min(0, ...values), Math.max(0, ...values)];
  const domain: [number, number] = [lo - (hi - lo) * 0.04 * Math.sign(-lo), hi * 1.08];
  const y = scale(domain, [top + plotHeight, top]);
  const ticks = niceTicks(domain[0], domain[1], 5);
  for (const tick of ticks) {
    body.push(
      line(left - 4, y(tick), width - gap / 2, y(tick), tick === 0 ? '#424242' : '#e0e0e0'),
    );
    body.push(
      text(left - 8, y(tick) + 4, tickLabel(formatValue(tick, metric.unit)), {
        'text-anchor': 'end',
      }),
    );
  }
  arms.forEach(({ arm, interval }, i) => {
    const x0 = left + gap + i * (barWidth + gap);
    const middle = x0 + barWidth / 2;
    body.push(
      text(middle, top + plotHeight + 20, armLabel(arm), { 'text-anchor': 'middle' }),
      text(middle, top + plotHeight + 36, `${interval?.n ?? 0} hosts`, {
        'text-anchor': 'middle',
        fill: '#616161',
      }),
    );
    if (!interval) return;
    const [y0, y1] = [y(0), y(interval.mean)];
    const fill = arm.baseline ? '#90a4ae' : '#42a5f5';
    body.push(
      `<rect x="${px(x0)}" y="${px(Math.min(y0, y1))}" width="${barWidth}" height="${px(Math.abs(y1 - y0))}" fill="${fill}"/>`,
    );
    if (interval.low !== null && interval.high !== null) {
      body.push(
        line(middle, y(interval.low), middle, y(interval.high), '#212121', ' stroke-width="1.5"'),
      );
      for (const end of [interval.low, interval.high]) {
        body.push(line(middle - 10, y(end), middle + 10, y(end), '#212121', ' stroke-width="1.5"'));
      }
    }
    const labelY = Math.min(y1, y(interval.high ?? interval.mean)) - 6;
    body.push(
      text(middle, labelY, formatValue(interval.mean, metric.unit), { 'text-anchor': 'middle' }),
    );
  });
  return svgDocument(width, height, title, body);
}
