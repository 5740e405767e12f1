/** One host's values for one metric, read from host_metric_rollup. */
export interface HostValue {
  metric: string;
  armId: string;
  hostId: string;
  /** Samples behind the host-level value. */
  count: number;
  /** The host-level value: the mean of its samples while opted in. */
  mean: number;
  /** The mean of its samples in the pre-enrollment period, when it has one. */
  preMean: number | null;
}

export interface HistogramRow {
  armId: string;
  bucket: number;
  count: number;
}
