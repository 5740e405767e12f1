import { useQuery } from '@apollo/client/react';
import { Bar, BarChart, Cell, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { VerdictBadge } from '../../../components/badges.js';
import { formatCount, formatInterval, formatPercent, formatValue } from '../../../lib/format.js';
import { SEGMENT_LABELS, type SegmentDimension } from '../../../lib/view-params.js';
import { SEGMENT_SUMMARY, SEGMENT_VALUES } from '../queries.js';
import { armColors } from './colors.js';

/** The chosen metric within each segment of a dimension, as small multiples. */
export default function SegmentBreakdown(props: {
  slug: string;
  metric: string;
  title: string;
  unit: string;
  dimension: SegmentDimension;
  window: { from: string } | null;
  onPick: (segment: { dimension: SegmentDimension; value: string }) => void;
}) {
  const { data } = useQuery(SEGMENT_VALUES, {
    variables: { slug: props.slug, dimension: props.dimension },
  });
  const values = data?.experiment.segmentValues ?? [];
  return (
    <section className="card" aria-labelledby="segments-heading">
      <h2 id="segments-heading">
        {props.title} by {SEGMENT_LABELS[props.dimension].toLowerCase()}
      </h2>
      {values.length === 0 ? (
        <p className="muted">No segments with data yet.</p>
      ) : (
        <div className="multiples">
          {values.map((value) => (
            <SegmentCard key={value} {...props} value={value} />
          ))}
        </div>
      )}
    </section>
  );
}

function SegmentCard(props: {
  slug: string;
  metric: string;
  unit: string;
  dimension: SegmentDimension;
  value: string;
  window: { from: string } | null;
  onPick: (segment: { dimension: SegmentDimension; value: string }) => void;
}) {
  const segment = { dimension: props.dimension, value: props.value };
  const { data, error } = useQuery(SEGMENT_SUMMARY, {
    variables: { slug: props.slug, metric: props.metric, segment, window: props.window },
  });
  const label = props.dimension === 'TRANSACTION_SIZE' ? `${props.value} packages` : props.value;
  if (error)
    return (
      <div className="multiple">
        {label}: {error.message}
      </div>
    );
  if (!data) return <div className="multiple muted">{label}: loading…</div>;
  const { arms, comparisons } = data.comparison;
  const baseline = arms.find((a) => a.baseline);
  const colors = armColors(
    arms.map((a) => a.armKey),
    baseline?.armKey ?? '',
  );
  return (
    <div className="multiple" data-testid={`segment-${props.value}`}>
      <h3>{label}</h3>
      <ResponsiveContainer width="100%" height={90}>
        <BarChart data={arms} layout="vertical" margin={{ top: 0, right: 8, bottom: 0, left: 0 }}>
          <XAxis type="number" hide domain={[0, 'auto']} />
          <YAxis type="category" dataKey="armKey" width={70} tick={{ fontSize: 11 }} />
          <Bar dataKey="mean" isAnimationActive={false}>
            {arms.map((a) => (
              <Cell key={a.armKey} fill={colors[a.armKey]} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
      <p className="small">
        {arms
          .map(
            (a) => `${a.armKey} ${formatValue(a.mean, props.unit)} (${formatCount(a.hosts)} hosts)`,
          )
          .join(' · ')}
      </p>
      {comparisons.map((c) => (
        <p key={c.armKey} className="small">
          <strong>{formatPercent(c.relativeDiff)}</strong> ({formatInterval(c.ciLow, c.ciHigh)}){' '}
          <VerdictBadge verdict={c.verdict} />
        </p>
      ))}
      <button type="button" className="link small" onClick={() => props.onPick(segment)}>
        Compare only these hosts
      </button>
    </div>
  );
}
