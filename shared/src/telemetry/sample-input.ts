/** One metric value of a sample (the GraphQL MetricValueInput). */
export interface MetricValueInput {
  metric: string;
  value: number;
}

/**
 * One observation as a host sends it to `ingestSamples` (the GraphQL SampleInput):
 * the agent's reports and the simulator's fleet alike. The id is chosen by the sender
 * and must be the same on every resend of the same observation, so the server stores
 * it once.
 */
export interface SampleInput<Kind extends string = string, Context extends object = object> {
  id: string;
  kind: Kind;
  /** ISO 8601 time of the observation. */
  observedAt: string;
  values: MetricValueInput[];
  context: Context;
}
