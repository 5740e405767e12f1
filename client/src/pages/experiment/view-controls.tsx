import { useQuery } from '@apollo/client/react';
import {
  SEGMENT_DIMENSIONS,
  SEGMENT_LABELS,
  WINDOWS,
  type ExperimentView,
  type SegmentDimension,
  type WindowKey,
} from '../../lib/view-params.js';
import { SEGMENT_CHOICES } from './queries.js';

/** Metric, segment, window and breakdown: each choice goes into the URL. */
export function ViewControls({
  slug,
  metrics,
  view,
  onChange,
}: {
  slug: string;
  metrics: { metric: string; definition: { title: string } }[];
  view: ExperimentView;
  onChange: (next: Partial<ExperimentView>) => void;
}) {
  const { data } = useQuery(SEGMENT_CHOICES, { variables: { slug } });
  const values: Record<SegmentDimension, string[]> = {
    ROOT_FS_TYPE: data?.experiment.fs ?? [],
    ARCH: data?.experiment.arch ?? [],
    TRANSACTION_SIZE: data?.experiment.size ?? [],
  };
  const segment = view.segment ? `${view.segment.dimension}:${view.segment.value}` : '';
  return (
    <form
      className="controls card"
      aria-label="What to compare"
      onSubmit={(e) => e.preventDefault()}
    >
      <label>
        Metric
        <select
          aria-label="Metric"
          value={view.metric ?? metrics[0]?.metric ?? ''}
          onChange={(e) => onChange({ metric: e.target.value })}
        >
          {metrics.map((m) => (
            <option key={m.metric} value={m.metric}>
              {m.definition.title}
            </option>
          ))}
        </select>
      </label>
      <label>
        Hosts
        <select
          aria-label="Hosts"
          value={segment}
          onChange={(e) => {
            const [dimension, ...rest] = e.target.value.split(':');
            onChange({
              segment: e.target.value
                ? { dimension: dimension as SegmentDimension, value: rest.join(':') }
                : null,
            });
          }}
        >
          <option value="">All hosts</option>
          {SEGMENT_DIMENSIONS.map((dimension) => (
            <optgroup key={dimension} label={SEGMENT_LABELS[dimension]}>
              {values[dimension].map((value) => (
                <option key={value} value={`${dimension}:${value}`}>
                  {dimension === 'TRANSACTION_SIZE' ? `${value} packages` : value}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <label>
        Time
        <select
          aria-label="Time"
          value={view.window}
          onChange={(e) => onChange({ window: e.target.value as WindowKey })}
        >
          {Object.entries(WINDOWS).map(([key, label]) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Break down by
        <select
          aria-label="Break down by"
          value={view.breakdown}
          onChange={(e) => onChange({ breakdown: e.target.value as SegmentDimension })}
        >
          {SEGMENT_DIMENSIONS.map((dimension) => (
            <option key={dimension} value={dimension}>
              {SEGMENT_LABELS[dimension]}
            </option>
          ))}
        </select>
      </label>
    </form>
  );
}
