import { useQuery } from '@apollo/client/react';
import { VerdictBadge } from '../../components/badges.js';
import { ErrorMessage, Loading } from '../../components/states.js';
import {
  formatCount,
  formatInterval,
  formatP,
  formatPercent,
  formatValue,
} from '../../lib/format.js';
import type { SegmentDimension } from '../../lib/view-params.js';
import { ForestPlot, type ForestRow } from './forest-plot.js';
import { METRICS_SUMMARY } from './queries.js';

interface MetricInfo {
  metric: string;
  role: string;
  margin?: number | null;
  definition: { title: string; unit: string; direction: string };
}

/**
 * One row per metric (arm values, difference with interval, verdict) and a forest plot
 * of the relative differences: the answer at a glance.
 */
export function MetricsSummary(props: {
  slug: string;
  metrics: MetricInfo[];
  segment: { dimension: SegmentDimension; value: string } | null;
  window: { from: string } | null;
  selected?: string;
  onSelect: (metric: string) => void;
}) {
  const { data, error, loading, refetch } = useQuery(METRICS_SUMMARY, {
    variables: { slug: props.slug, segment: props.segment, window: props.window },
  });
  if (loading && !data) return <Loading what="the results" />;
  if (error) return <ErrorMessage error={error} retry={() => void refetch()} />;
  const results = data?.experimentComparisons ?? [];
  const rows: ForestRow[] = [];
  const info = new Map(props.metrics.map((m) => [m.metric, m]));
  return (
    <section className="card" aria-labelledby="summary-heading">
      <h2 id="summary-heading">Results{props.segment ? ` for ${props.segment.value}` : ''}</h2>
      {results[0] && <Freshness asOf={results[0].asOf} method={results[0].method} />}
      {data?.rollupStatus && <Quarantine status={data.rollupStatus} />}
      <table className="summary">
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">Baseline</th>
            <th scope="col">Treatment</th>
            <th scope="col">Difference (95% interval)</th>
            <th scope="col">p (Holm)</th>
            <th scope="col">Hosts</th>
            <th scope="col">Verdict</th>
          </tr>
        </thead>
        <tbody>
          {results.flatMap((result) => {
            const metric = info.get(result.metric)!;
            const baseline = result.arms.find((a) => a.baseline);
            return result.comparisons.map((c) => {
              const arm = result.arms.find((a) => a.armKey === c.armKey);
              rows.push({
                label: `${metric.definition.title}${result.comparisons.length > 1 ? ` (${c.armKey})` : ''}`,
                estimate: c.relativeDiff ?? null,
                low: c.ciLow ?? null,
                high: c.ciHigh ?? null,
                verdict: c.verdict,
                margin: metric.margin ?? null,
                direction: metric.definition.direction,
              });
              return (
                <tr
                  key={`${result.metric}-${c.armKey}`}
                  className={props.selected === result.metric ? 'selected' : undefined}
                >
                  <th scope="row">
                    <button
                      type="button"
                      className="link"
                      onClick={() => props.onSelect(result.metric)}
                    >
                      {metric.definition.title}
                    </button>
                    <div className="muted small">
                      {metric.role.toLowerCase()}
                      {metric.margin
                        ? `, margin ${formatPercent(metric.margin, 0).slice(1)}`
                        : ''},{' '}
                      {metric.definition.direction === 'LOWER_IS_BETTER'
                        ? 'lower is better'
                        : 'higher is better'}
                    </div>
                  </th>
                  <td>{formatValue(baseline?.mean, metric.definition.unit)}</td>
                  <td>
                    {formatValue(arm?.mean, metric.definition.unit)}
                    {result.comparisons.length > 1 && (
                      <span className="muted small"> {c.armKey}</span>
                    )}
                  </td>
                  <td>
                    <strong>{formatPercent(c.relativeDiff)}</strong>
                    <div className="muted small">{formatInterval(c.ciLow, c.ciHigh)}</div>
                    <InferenceLabel inference={c.inference} />
                  </td>
                  <td>{formatP(c.adjustedP ?? c.p)}</td>
                  <td>
                    {formatCount(baseline?.hosts)} / {formatCount(arm?.hosts)}
                  </td>
                  <td>
                    <VerdictBadge verdict={c.verdict} />
                    {c.verdict === 'INCONCLUSIVE' && c.hostsNeeded ? (
                      <div className="muted small">
                        ~{formatCount(c.hostsNeeded)} more hosts per arm
                      </div>
                    ) : null}
                  </td>
                </tr>
              );
            });
          })}
        </tbody>
      </table>
      <ForestPlot rows={rows} />
    </section>
  );
}

/**
 * Which kind of interval a row shows: anytime-valid ones hold however often the page
 * is looked at; fixed-horizon ones only at one planned look.
 */
function InferenceLabel(props: { inference: string }) {
  const sequential = props.inference === 'SEQUENTIAL';
  return (
    <div
      className="muted small"
      data-testid="inference-label"
      title={
        sequential
          ? 'Valid at every look: watching this page as the experiment runs does not make it wrong more often.'
          : 'Valid only when judged once, at a number of hosts fixed in advance.'
      }
    >
      {sequential ? 'anytime-valid' : 'fixed-horizon'}
    </div>
  );
}

/**
 * Samples the folder could not fold and set aside: they count in no figure, so the
 * page says so where its figures are, with why.
 */
function Quarantine(props: {
  status: {
    quarantinedSamples: number;
    quarantinedItems: number;
    quarantineReasons: { reason: string; samples: number }[];
  };
}) {
  const { quarantinedSamples, quarantinedItems, quarantineReasons } = props.status;
  if (quarantinedItems === 0) return null;
  const reasons = quarantineReasons
    .slice(0, 3)
    .map((r) => r.reason)
    .join('; ');
  const more = quarantineReasons.length > 3 ? '; …' : '';
  const one = quarantinedSamples === 1;
  return (
    <p className="small health-warning quarantine" role="alert" data-testid="results-quarantine">
      {quarantinedSamples > 0
        ? `${formatCount(quarantinedSamples)} sample${one ? '' : 's'} of this experiment’s hosts ${one ? 'is' : 'are'} quarantined: folding failed on ${one ? 'it' : 'them'} (${reasons}${more}). The figures leave ${one ? 'it' : 'them'} out until an admin retries or drops ${one ? 'it' : 'them'}.`
        : `${formatCount(quarantinedItems)} host enrollment${quarantinedItems === 1 ? '' : 's'} could not be folded and ${quarantinedItems === 1 ? 'is' : 'are'} quarantined (${reasons}${more}). The figures leave ${quarantinedItems === 1 ? 'it' : 'them'} out until an admin retries.`}
    </p>
  );
}

/**
 * How current the results are: samples are folded into the rollups within seconds of
 * being acknowledged, so the page says up to when, and how it computed them.
 */
function Freshness(props: { asOf: string; method: string }) {
  const asOf = new Date(props.asOf);
  return (
    <p className="muted small" data-testid="results-as-of">
      As of{' '}
      <time dateTime={asOf.toISOString()}>
        {asOf.toLocaleTimeString('en-GB', { timeZone: 'UTC' })} UTC
      </time>
      {props.method === 'AGGREGATED'
        ? ', from per-arm aggregates (a fleet this large is not read host by host).'
        : '.'}
    </p>
  );
}
