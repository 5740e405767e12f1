import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { MetricDetailQuery } from '../../../generated/graphql.js';
import { formatCount, formatValue } from '../../../lib/format.js';
import { armColors } from './colors.js';

type Comparison = MetricDetailQuery['comparison'];

/** Distributions, percentiles and the time series of one metric, each with its numbers. */
export default function MetricCharts({
  comparison,
  title,
  unit,
  baselineKey,
}: {
  comparison: Comparison;
  title: string;
  unit: string;
  baselineKey: string;
}) {
  const keys = comparison.arms.map((a) => a.armKey);
  const colors = armColors(keys, baselineKey);
  const fmt = (v: number) => formatValue(v, unit);
  return (
    <div className="charts" data-testid="metric-charts">
      <Distributions comparison={comparison} title={title} keys={keys} colors={colors} fmt={fmt} />
      <Percentiles comparison={comparison} title={title} keys={keys} colors={colors} fmt={fmt} />
      <TimeSeries comparison={comparison} title={title} keys={keys} colors={colors} fmt={fmt} />
    </div>
  );
}

interface ChartProps {
  comparison: Comparison;
  title: string;
  keys: string[];
  colors: Record<string, string>;
  fmt: (v: number) => string;
}

function Distributions({ comparison, title, keys, colors, fmt }: ChartProps) {
  const byArm = new Map(comparison.distributions.map((d) => [d.armKey, d]));
  const first = comparison.distributions[0];
  if (!first || first.bins.length === 0) return null;
  const totals = new Map(
    comparison.distributions.map((d) => [d.armKey, d.bins.reduce((s, b) => s + b.count, 0) || 1]),
  );
  const histogram = first.bins.map((bin, i) => ({
    label: fmt((bin.from + bin.to) / 2),
    ...Object.fromEntries(
      keys.map((k) => [k, ((byArm.get(k)?.bins[i]?.count ?? 0) / totals.get(k)!) * 100]),
    ),
  }));
  const ecdf = first.ecdf.map((point, i) => ({
    value: point.value,
    ...Object.fromEntries(keys.map((k) => [k, (byArm.get(k)?.ecdf[i]?.fraction ?? 0) * 100])),
  }));
  const of = comparison.distributionOf === 'SAMPLES' ? 'every sample' : 'host means';
  return (
    <section className="card" aria-labelledby="distribution-heading">
      <h2 id="distribution-heading">
        Distribution of {title.toLowerCase()} <span className="muted small">({of})</span>
      </h2>
      <div className="chart-pair">
        <figure>
          <ResponsiveContainer width="100%" height={240}>
            <AreaChart data={histogram} margin={{ top: 8, right: 12, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis
                dataKey="label"
                interval="preserveStartEnd"
                minTickGap={30}
                tick={{ fontSize: 11 }}
              />
              <YAxis unit="%" tick={{ fontSize: 11 }} width={44} />
              <Tooltip formatter={(v) => `${Number(v).toFixed(1)}%`} />
              <Legend />
              {keys.map((k) => (
                <Area
                  key={k}
                  type="step"
                  dataKey={k}
                  stroke={colors[k]}
                  fill={colors[k]}
                  fillOpacity={0.3}
                  isAnimationActive={false}
                />
              ))}
            </AreaChart>
          </ResponsiveContainer>
          <figcaption className="small muted">Share of {of} per bin, arms overlaid.</figcaption>
        </figure>
        <figure>
          <ResponsiveContainer width="100%" height={240}>
            <LineChart data={ecdf} margin={{ top: 8, right: 12, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis
                dataKey="value"
                type="number"
                domain={['dataMin', 'dataMax']}
                tickFormatter={fmt}
                tick={{ fontSize: 11 }}
              />
              <YAxis unit="%" domain={[0, 100]} tick={{ fontSize: 11 }} width={44} />
              <Tooltip
                labelFormatter={(v) => `≤ ${fmt(Number(v))}`}
                formatter={(v) => `${Number(v).toFixed(1)}%`}
              />
              <Legend />
              {keys.map((k) => (
                <Line
                  key={k}
                  type="stepAfter"
                  dataKey={k}
                  stroke={colors[k]}
                  dot={false}
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
          <figcaption className="small muted">
            Cumulative share at or below each value (ECDF).
          </figcaption>
        </figure>
      </div>
      <details>
        <summary>Numbers behind the distribution</summary>
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">Bin</th>
              {keys.map((k) => (
                <th key={k} scope="col">
                  {k} count
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {first.bins.map((bin, i) => (
              <tr key={i}>
                <td>
                  {fmt(bin.from)} – {fmt(bin.to)}
                </td>
                {keys.map((k) => (
                  <td key={k}>{formatCount(byArm.get(k)?.bins[i]?.count)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}

function Percentiles({ comparison, title, keys, colors, fmt }: ChartProps) {
  const arms = comparison.arms;
  if (arms.every((a) => a.median === null || a.median === undefined)) {
    return (
      <section className="card" aria-labelledby="percentiles-heading">
        <h2 id="percentiles-heading">Percentiles</h2>
        <p className="muted">
          Percentiles come from the fleet-wide histograms; within a segment compare the means and
          distributions of host values above.
        </p>
      </section>
    );
  }
  const data = (['median', 'p90', 'p99'] as const).map((p) => ({
    p: p === 'median' ? 'p50' : p,
    ...Object.fromEntries(arms.map((a) => [a.armKey, a[p] ?? 0])),
  }));
  return (
    <section className="card" aria-labelledby="percentiles-heading">
      <h2 id="percentiles-heading">{title}: p50, p90 and p99</h2>
      <div className="chart-with-table">
        <figure>
          <ResponsiveContainer width="100%" height={220}>
            <BarChart data={data} margin={{ top: 8, right: 12, bottom: 8, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="p" />
              <YAxis tickFormatter={fmt} tick={{ fontSize: 11 }} width={64} />
              <Tooltip formatter={(v) => fmt(Number(v))} />
              <Legend />
              {keys.map((k) => (
                <Bar key={k} dataKey={k} fill={colors[k]} isAnimationActive={false} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </figure>
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">Arm</th>
              <th scope="col">Mean</th>
              <th scope="col">p50</th>
              <th scope="col">p90</th>
              <th scope="col">p99</th>
            </tr>
          </thead>
          <tbody>
            {arms.map((a) => (
              <tr key={a.armKey}>
                <th scope="row">{a.armKey}</th>
                <td>{a.mean === null || a.mean === undefined ? '–' : fmt(a.mean)}</td>
                <td>{a.median === null || a.median === undefined ? '–' : fmt(a.median)}</td>
                <td>{a.p90 === null || a.p90 === undefined ? '–' : fmt(a.p90)}</td>
                <td>{a.p99 === null || a.p99 === undefined ? '–' : fmt(a.p99)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function TimeSeries({ comparison, title, keys, colors, fmt }: ChartProps) {
  const days = [...new Set(comparison.timeSeries.map((p) => p.day))];
  if (days.length === 0) return null;
  const data = days.map((day) => {
    const row: Record<string, unknown> = { day };
    for (const p of comparison.timeSeries.filter((q) => q.day === day)) {
      row[p.armKey] = p.mean;
      if (p.ciLow !== null && p.ciLow !== undefined && p.ciHigh !== null && p.ciHigh !== undefined)
        row[`${p.armKey} interval`] = [p.ciLow, p.ciHigh];
    }
    return row;
  });
  return (
    <section className="card" aria-labelledby="series-heading">
      <h2 id="series-heading">{title} per day</h2>
      <figure>
        <ResponsiveContainer width="100%" height={260}>
          <ComposedChart data={data} margin={{ top: 8, right: 12, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="day" tick={{ fontSize: 11 }} />
            <YAxis
              tickFormatter={fmt}
              tick={{ fontSize: 11 }}
              width={64}
              domain={['auto', 'auto']}
            />
            <Tooltip
              formatter={(v) =>
                Array.isArray(v) ? `${fmt(Number(v[0]))} – ${fmt(Number(v[1]))}` : fmt(Number(v))
              }
            />
            <Legend />
            {keys.map((k) => (
              <Area
                key={`${k}-interval`}
                dataKey={`${k} interval`}
                stroke="none"
                fill={colors[k]}
                fillOpacity={0.15}
                isAnimationActive={false}
                legendType="none"
              />
            ))}
            {keys.map((k) => (
              <Line
                key={k}
                dataKey={k}
                stroke={colors[k]}
                dot={{ r: 2 }}
                isAnimationActive={false}
              />
            ))}
          </ComposedChart>
        </ResponsiveContainer>
        <figcaption className="small muted">
          Mean of host day-means per arm, with 95% intervals (shaded).
        </figcaption>
      </figure>
      <details>
        <summary>Numbers per day</summary>
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Arm</th>
              <th scope="col">Hosts</th>
              <th scope="col">Samples</th>
              <th scope="col">Mean</th>
              <th scope="col">95% interval</th>
            </tr>
          </thead>
          <tbody>
            {comparison.timeSeries.map((p) => (
              <tr key={`${p.day}-${p.armKey}`}>
                <td>{p.day}</td>
                <td>{p.armKey}</td>
                <td>{formatCount(p.hosts)}</td>
                <td>{formatCount(p.samples)}</td>
                <td>{fmt(p.mean)}</td>
                <td>
                  {p.ciLow === null ||
                  p.ciLow === undefined ||
                  p.ciHigh === null ||
                  p.ciHigh === undefined
                    ? '–'
                    : `${fmt(p.ciLow)} – ${fmt(p.ciHigh)}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
