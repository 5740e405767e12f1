// The experiment view (metric, segment, time window) lives in the URL, so a view can
// be shared by its link. Pure: parsing and serialising search params.

import { SEGMENT_DIMENSIONS as ALL_DIMENSIONS } from '@fleetlab/shared/domain';

/** The segments the dashboard offers: every dimension but LABEL (labels are free-form and many). */
export type SegmentDimension = Exclude<(typeof ALL_DIMENSIONS)[number], 'LABEL'>;
export const SEGMENT_DIMENSIONS = ALL_DIMENSIONS.filter(
  (d): d is SegmentDimension => d !== 'LABEL',
);

export const SEGMENT_LABELS: Record<SegmentDimension, string> = {
  ROOT_FS_TYPE: 'Root filesystem',
  ARCH: 'Architecture',
  TRANSACTION_SIZE: 'Transaction size',
};

export const WINDOWS = {
  all: 'Whole experiment',
  '7d': 'Last 7 days',
  '28d': 'Last 28 days',
} as const;
export type WindowKey = keyof typeof WINDOWS;

export interface ExperimentView {
  metric: string | null;
  /** The breakdown shown as small multiples. */
  breakdown: SegmentDimension;
  /** One segment to compare instead of all hosts, e.g. ROOT_FS_TYPE=btrfs. */
  segment: { dimension: SegmentDimension; value: string } | null;
  window: WindowKey;
}

export function readView(params: URLSearchParams): ExperimentView {
  const breakdown = params.get('by');
  const window = params.get('window');
  const segment = params.get('segment');
  const [dimension, ...rest] = segment?.split(':') ?? [];
  return {
    metric: params.get('metric'),
    breakdown: isDimension(breakdown) ? breakdown : 'ROOT_FS_TYPE',
    segment: isDimension(dimension) && rest.length ? { dimension, value: rest.join(':') } : null,
    window: window && window in WINDOWS ? (window as WindowKey) : 'all',
  };
}

/** The search params of a view; defaults are left out so links stay short. */
export function writeView(view: ExperimentView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.metric) params.set('metric', view.metric);
  if (view.segment) params.set('segment', `${view.segment.dimension}:${view.segment.value}`);
  if (view.breakdown !== 'ROOT_FS_TYPE') params.set('by', view.breakdown);
  if (view.window !== 'all') params.set('window', view.window);
  return params;
}

/** The comparison's window argument for a window key, relative to `now`. */
export function windowInput(window: WindowKey, now: Date): { from: string } | null {
  if (window === 'all') return null;
  const days = window === '7d' ? 7 : 28;
  return { from: new Date(now.getTime() - (days - 1) * 86_400_000).toISOString() };
}

function isDimension(value: string | null | undefined): value is SegmentDimension {
  return SEGMENT_DIMENSIONS.includes(value as SegmentDimension);
}
