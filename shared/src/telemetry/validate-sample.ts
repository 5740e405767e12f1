import {
  describeValue,
  hasControlCharacters,
  hasLoneSurrogate,
  isPlainObject,
} from '../describe-value.js';
import { findMetric, findSampleKind } from '../metrics/metric-catalogue.js';
import { metricValueProblem } from '../metrics/metric-value.js';
import { readTimestamp } from '../timestamp.js';

/** What a host sends for one observation (the GraphQL SampleInput). */
export interface SampleInputShape {
  id: string;
  kind: string;
  observedAt: Date | string;
  values: readonly { metric: string; value: number }[];
  context?: unknown;
}

export type ContextValue = string | number | boolean;

/** A sample that passed validation, in the shape it is stored. */
export interface ValidSample {
  id: string;
  kind: string;
  observedAt: Date;
  values: Record<string, number>;
  context: Record<string, ContextValue>;
}

export type SampleRejectCode =
  | 'INVALID_ID'
  | 'UNKNOWN_KIND'
  | 'INVALID_VALUES'
  | 'INVALID_TIMESTAMP'
  | 'IN_FUTURE'
  | 'TOO_OLD'
  | 'INVALID_CONTEXT'
  | 'CONFLICT';

export interface SampleRejection {
  code: SampleRejectCode;
  reason: string;
}

export interface SampleRules {
  now: Date;
  /** How far ahead of the server's clock a host's clock may run. */
  futureGraceMs: number;
  /** Samples older than this are not accepted (their partitions are gone or going). */
  retentionMs: number;
}

export const SAMPLE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const MAX_CONTEXT_STRING = 256;
// Which context keys each kind takes, and what they hold.
const CONTEXT_TYPES: Record<string, Record<string, 'string' | 'count'>> = {
  package_transaction: {
    action: 'string',
    packages: 'count',
    tool: 'string',
    toolVersion: 'string',
  },
};

function reject(code: SampleRejectCode, reason: string): { rejection: SampleRejection } {
  return { rejection: { code, reason } };
}

function contextStringProblem(key: string, value: string): string | null {
  if (value.length === 0 || value.length > MAX_CONTEXT_STRING) {
    return `context.${key} must be 1 to ${MAX_CONTEXT_STRING} characters`;
  }
  // PostgreSQL cannot store NUL, and UTF-8 cannot carry a lone surrogate: both would
  // come back different from what was sent, so they are refused rather than mangled.
  if (value.includes('\u0000')) return `context.${key} contains a NUL character (\\u0000)`;
  if (hasLoneSurrogate(value)) return `context.${key} contains a lone UTF-16 surrogate`;
  if (hasControlCharacters(value)) return `context.${key} contains control characters`;
  return null;
}

function validateContext(kind: string, input: unknown): Record<string, ContextValue> | string {
  if (input === undefined || input === null) return {};
  if (!isPlainObject(input)) return `context must be an object, got ${describeValue(input)}`;
  const types = Object.hasOwn(CONTEXT_TYPES, kind) ? CONTEXT_TYPES[kind]! : {};
  const context: Record<string, ContextValue> = {};
  for (const [key, value] of Object.entries(input)) {
    // hasOwn: "constructor" or "toString" must not find what every object inherits.
    const type = Object.hasOwn(types, key) ? types[key] : undefined;
    if (!type) {
      const known = Object.keys(types);
      return `context.${key} is not a context key of ${kind}${known.length ? ` (known: ${known.join(', ')})` : ' (it takes none)'}`;
    }
    if (type === 'count') {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 1_000_000) {
        return `context.${key} must be a whole number from 0 to 1000000, got ${describeValue(value)}`;
      }
    } else {
      if (typeof value !== 'string')
        return `context.${key} must be text, got ${describeValue(value)}`;
      const problem = contextStringProblem(key, value);
      if (problem) return problem;
    }
    context[key] = value;
  }
  return context;
}

/**
 * Checks one sample against the metric catalogue and the clock. A sample is taken
 * whole or not at all, so the first problem found is its reason.
 */
export function validateSample(
  input: SampleInputShape,
  rules: SampleRules,
): { sample: ValidSample } | { rejection: SampleRejection } {
  if (typeof input.id !== 'string' || !SAMPLE_ID_PATTERN.test(input.id)) {
    return reject(
      'INVALID_ID',
      `id must be 1 to 128 letters, digits, '.', '_', ':' or '-', got ${describeValue(input.id)}`,
    );
  }
  const kind = findSampleKind(input.kind);
  if (!kind) {
    return reject(
      'UNKNOWN_KIND',
      `kind ${describeValue(input.kind)} is not a sample kind (see the sampleKinds query)`,
    );
  }

  const reading =
    input.observedAt instanceof Date ? { at: input.observedAt } : readTimestamp(input.observedAt);
  if ('problem' in reading || Number.isNaN(reading.at.getTime())) {
    const problem = 'problem' in reading ? reading.problem : 'is not a valid Date';
    return reject('INVALID_TIMESTAMP', `observedAt ${problem}`);
  }
  const observedAt = reading.at;
  const ahead = observedAt.getTime() - rules.now.getTime();
  if (ahead > rules.futureGraceMs) {
    return reject(
      'IN_FUTURE',
      `observedAt ${observedAt.toISOString()} is ${Math.round(ahead / 1000)} s ahead of the server's clock; check the host's clock (NTP)`,
    );
  }
  if (rules.now.getTime() - observedAt.getTime() > rules.retentionMs) {
    const days = Math.round(rules.retentionMs / 86_400_000);
    return reject(
      'TOO_OLD',
      `observedAt ${observedAt.toISOString()} is older than the ${days}-day retention`,
    );
  }

  if (input.values.length === 0)
    return reject('INVALID_VALUES', 'values is empty: a sample carries at least one metric');
  const values: Record<string, number> = {};
  for (const { metric: key, value } of input.values) {
    const metric = findMetric(key);
    if (!metric || metric.sampleKind !== kind.key) {
      return reject(
        'INVALID_VALUES',
        `metric ${describeValue(key)} is not a metric of ${kind.key} (its metrics: ${kind.metrics.join(', ')})`,
      );
    }
    if (Object.hasOwn(values, key)) return reject('INVALID_VALUES', `metric ${key} appears twice`);
    const problem = metricValueProblem(metric, value);
    if (problem) return reject('INVALID_VALUES', problem);
    values[key] = value;
  }

  const context = validateContext(kind.key, input.context);
  if (typeof context === 'string') return reject('INVALID_CONTEXT', context);
  return { sample: { id: input.id, kind: kind.key, observedAt, values, context } };
}

/**
 * A canonical text of what a sample says, so that "the same sample again" can be told
 * from "another sample under a used id" whatever the key order it was sent in:
 * `JSON.stringify([kind, observedAt, [[key, value], ...], [[key, value], ...]])` with
 * the keys sorted. Receipts keep its hash, so the text must never change; it is built
 * here piece by piece because ingest computes it for every sample.
 */
export function sampleFingerprint(sample: ValidSample): string {
  return `[${JSON.stringify(sample.kind)},"${sample.observedAt.toISOString()}",${sortedPairs(sample.values)},${sortedPairs(sample.context)}]`;
}

function sortedPairs(record: Record<string, ContextValue>): string {
  const keys = Object.keys(record).sort();
  let text = '[';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    text += `${i === 0 ? '' : ','}[${JSON.stringify(key)},${JSON.stringify(record[key])}]`;
  }
  return `${text}]`;
}
