export const METRIC_UNITS = ['ms', 'bytes', 'count'] as const;
export type MetricUnit = (typeof METRIC_UNITS)[number];

export const METRIC_DIRECTIONS = ['LOWER_IS_BETTER', 'HIGHER_IS_BETTER'] as const;
export type MetricDirection = (typeof METRIC_DIRECTIONS)[number];
