import { sampleTableOf } from '@fleetlab/shared';
import { ApiError, graphql } from '@fleetlab/simulator';
import type { BatchAnswer, Spool } from './spool.js';

/** Batches go as tables (ingestSampleTable): half the bytes of ingestSamples' objects. */
export const INGEST = `mutation($table: JSON!) { ingestSampleTable(table: $table) { accepted duplicates rejected { id code reason } } }`;
export const BATCH_SIZE = 500;

export interface DeliveryOptions {
  server: string;
  token: string;
  /** Give up (leaving the rest in the spool) after this many failed tries in a row. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (error: ApiError, delayMs: number) => void;
}

export interface DeliveryResult {
  accepted: number;
  duplicates: number;
  rejected: number;
  /** Samples still waiting when delivery stopped. */
  remaining: number;
}

const defaultSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends the spool oldest first, a batch at a time, deleting samples only once the
 * server has answered for them. Overload and outages are retried with exponential
 * backoff and jitter, waiting at least as long as the server asks; a resent batch
 * is harmless because the server stores each sample id once.
 */
export async function deliver(spool: Spool, options: DeliveryOptions): Promise<DeliveryResult> {
  const {
    maxAttempts = 8,
    baseDelayMs = 1000,
    maxDelayMs = 5 * 60_000,
    sleep = defaultSleep,
  } = options;
  const result: DeliveryResult = { accepted: 0, duplicates: 0, rejected: 0, remaining: 0 };
  let failures = 0;
  for (;;) {
    const { files, samples } = spool.take(BATCH_SIZE);
    if (files.length === 0) break;
    let answer: BatchAnswer;
    try {
      answer = (
        await graphql<{ ingestSampleTable: BatchAnswer }>(
          options.server,
          INGEST,
          { table: sampleTableOf(samples) },
          options.token,
        )
      ).ingestSampleTable;
    } catch (error) {
      if (!(error instanceof ApiError) || !error.retryable || ++failures >= maxAttempts) {
        result.remaining = spool.size();
        throw Object.assign(error as Error, { delivery: result });
      }
      const backoff =
        Math.min(maxDelayMs, baseDelayMs * 2 ** (failures - 1)) * (0.5 + Math.random() / 2);
      const delay = Math.max(backoff, error.retryAfterMs ?? 0);
      options.onRetry?.(error, delay);
      await sleep(delay);
      continue;
    }
    failures = 0;
    spool.acknowledge(files, samples, answer);
    result.accepted += answer.accepted;
    result.duplicates += answer.duplicates;
    result.rejected += answer.rejected.length;
  }
  return result;
}
