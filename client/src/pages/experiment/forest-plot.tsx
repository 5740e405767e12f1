import { formatInterval, formatPercent } from '../../lib/format.js';

export interface ForestRow {
  label: string;
  estimate: number | null;
  low: number | null;
  high: number | null;
  verdict: string;
  margin: number | null;
  direction: string;
}

const WIDTH = 960;
const ROW = 34;
const LEFT = 200;
const RIGHT = 24;

/**
 * Relative differences with their 95% intervals, one line per metric, around zero;
 * the non-inferiority margin is shaded on the side where the metric gets worse.
 * Plain SVG: a handful of lines does not need a chart library.
 */
export function ForestPlot({ rows }: { rows: ForestRow[] }) {
  const drawn = rows.filter((r) => r.estimate !== null);
  if (drawn.length === 0) return null;
  const extent = Math.max(
    0.05,
    ...drawn.flatMap((r) => [Math.abs(r.low ?? r.estimate!), Math.abs(r.high ?? r.estimate!)]),
    ...drawn.map((r) => r.margin ?? 0),
  );
  // Round ticks: the smallest step that needs at most three on each side of zero.
  const step =
    [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5].find((s) => s * 3 >= extent * 1.05) ?? 10;
  const limit = Math.ceil((extent * 1.05) / step) * step;
  const x = (v: number) => LEFT + ((v + limit) / (2 * limit)) * (WIDTH - LEFT - RIGHT);
  const height = drawn.length * ROW + 36;
  const ticks: number[] = [];
  for (let t = -limit; t <= limit + step / 2; t += step) ticks.push(Math.round(t / step) * step);
  return (
    <figure className="forest">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-labelledby="forest-title forest-desc"
        width="100%"
      >
        <title id="forest-title">
          Relative difference of treatment against baseline per metric
        </title>
        <desc id="forest-desc">
          {drawn
            .map(
              (r) => `${r.label}: ${formatPercent(r.estimate)} (${formatInterval(r.low, r.high)})`,
            )
            .join('; ')}
        </desc>
        {ticks.map((t) => (
          <g key={t}>
            <line
              x1={x(t)}
              x2={x(t)}
              y1={8}
              y2={height - 24}
              className={t === 0 ? 'zero' : 'grid'}
            />
            <text x={x(t)} y={height - 8} textAnchor="middle" className="tick">
              {formatPercent(t, 0)}
            </text>
          </g>
        ))}
        {drawn.map((r, i) => {
          const y = 8 + i * ROW + ROW / 2;
          const worseSide = r.direction === 'LOWER_IS_BETTER' ? 1 : -1;
          return (
            <g key={r.label}>
              {r.margin ? (
                <rect
                  x={worseSide > 0 ? x(r.margin) : x(-limit)}
                  width={worseSide > 0 ? x(limit) - x(r.margin) : x(-r.margin) - x(-limit)}
                  y={y - ROW / 2 + 3}
                  height={ROW - 6}
                  className="margin-zone"
                />
              ) : null}
              <text x={LEFT - 10} y={y + 4} textAnchor="end" className="label">
                {r.label}
              </text>
              {r.low !== null && r.high !== null && (
                <line
                  x1={x(r.low)}
                  x2={x(r.high)}
                  y1={y}
                  y2={y}
                  className={`ci verdict-${r.verdict.toLowerCase()}`}
                />
              )}
              <circle
                cx={x(r.estimate!)}
                cy={y}
                r={5}
                className={`point verdict-${r.verdict.toLowerCase()}`}
              />
            </g>
          );
        })}
      </svg>
      <figcaption className="small muted">
        Dots are the relative difference of the treatment mean from the baseline mean, lines their
        95% interval; shaded: worse than the metric&apos;s margin.
      </figcaption>
    </figure>
  );
}
