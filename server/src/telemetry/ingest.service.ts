import { hash } from 'node:crypto';
import type { GraphQLError } from 'graphql';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { sampleFingerprint, validateSample, type ValidSample } from '@fleetlab/shared';
import { AppConfig } from '../config/app-config.js';
import { badInput, unavailable } from '../common/graphql-errors.js';
import { ExperimentEvents } from '../live/experiment-events.js';
import type { SampleInput } from './dto/sample-batch.input.js';
import { busyMessage, IngestGate, IngestSaturated } from './ingest-gate.js';
import { copySamples } from './sample-copy.js';
import { preparedQuery } from '../database/prepared-query.js';
import type { IngestResult, RejectedSample } from './ingest-result.model.js';
import {
  ADD_TO_HOST_ROLLUP,
  addToDaily,
  compareText,
  foldSamples,
  histogramShard,
  type ActiveEnrollment,
  type FoldedRollups,
} from './rollups.js';

export const MAX_BATCH_SAMPLES = 1000;
/** A host's clock may run this far ahead of the server's. */
const FUTURE_GRACE_MS = 5 * 60_000;
// Deadlocks and serialization failures are retried; they say nothing about the data.
const RETRYABLE = new Set(['40001', '40P01']);

interface Fingerprinted {
  sample: ValidSample;
  fingerprint: Buffer;
}

@Injectable()
export class IngestService {
  /** Shared with the HTTP layer, which turns host requests away early when it is full. */
  readonly gate: IngestGate;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly events: ExperimentEvents,
  ) {
    this.gate = new IngestGate(config.FLEETLAB_INGEST_CONCURRENCY, config.FLEETLAB_INGEST_QUEUE);
  }

  /**
   * Stores a host's batch: each valid sample exactly once, whatever the retries; each
   * invalid one rejected with its reason and nothing of it kept. Samples and the
   * rollups they feed are written in one transaction.
   */
  async ingest(hostId: string, inputs: readonly SampleInput[]): Promise<IngestResult> {
    if (inputs.length > MAX_BATCH_SAMPLES) {
      throw badInput(
        `A batch holds at most ${MAX_BATCH_SAMPLES} samples, got ${inputs.length}; split it.`,
        {
          reason: 'BATCH_TOO_LARGE',
        },
      );
    }
    const rules = {
      now: new Date(),
      futureGraceMs: FUTURE_GRACE_MS,
      retentionMs: this.config.FLEETLAB_RETENTION_DAYS * 86_400_000,
    };
    const rejected: RejectedSample[] = [];
    const byId = new Map<string, Fingerprinted>();
    let duplicates = 0;
    for (const input of inputs) {
      const result = validateSample(input, rules);
      if ('rejection' in result) {
        rejected.push({ id: String(input.id), ...result.rejection });
        continue;
      }
      const fingerprint = hash('sha256', sampleFingerprint(result.sample), 'buffer');
      const earlier = byId.get(result.sample.id);
      if (!earlier) byId.set(result.sample.id, { sample: result.sample, fingerprint });
      else if (earlier.fingerprint.equals(fingerprint)) duplicates += 1;
      else rejected.push(conflict(result.sample.id, 'earlier in this batch'));
    }
    if (byId.size === 0) return { accepted: 0, duplicates, rejected };

    // In id order, so that deliveries of overlapping batches take receipt locks in one order.
    const samples = [...byId.values()].sort((a, b) => compareText(a.sample.id, b.sample.id));
    const { enrollments, stored } = await this.throughGate(async () => {
      // Read and folded before the transaction, which then holds its locks only while it
      // writes: the memberships only decide which rollups the samples feed, and most
      // batches are all new samples (the others are folded again, without the resends).
      const enrollments = await this.activeEnrollments(hostId);
      const folded = foldSamples(
        samples.map((s) => s.sample),
        enrollments,
      );
      const stored = await this.withRetry((manager) =>
        this.store(manager, hostId, samples, enrollments, folded),
      );
      return { enrollments, stored };
    });
    if (stored.accepted > 0) {
      for (const e of enrollments) this.events.changed(e.experimentId, 'SAMPLES');
    }
    return {
      accepted: stored.accepted,
      duplicates: duplicates + stored.duplicates,
      rejected: [...rejected, ...stored.rejected],
    };
  }

  private async store(
    manager: EntityManager,
    hostId: string,
    samples: Fingerprinted[],
    enrollments: ActiveEnrollment[],
    folded: FoldedRollups,
  ): Promise<{ accepted: number; duplicates: number; rejected: RejectedSample[] }> {
    const ids = samples.map((s) => s.sample.id);
    // A receipt already there (committed by an earlier or concurrent delivery) makes
    // ON CONFLICT skip the sample; a concurrent one is waited for, then skipped.
    const inserted = await preparedQuery<{ sample_id: string }>(
      manager,
      'ingest-receipts',
      `INSERT INTO sample_receipt (host_id, sample_id, fingerprint, observed_at)
       SELECT $1, * FROM unnest($2::text[], $3::bytea[], $4::timestamptz[])
       ON CONFLICT DO NOTHING RETURNING sample_id`,
      [hostId, ids, samples.map((s) => s.fingerprint), samples.map((s) => s.sample.observedAt)],
    );
    const fresh = new Set(inserted.map((r) => r.sample_id));
    const seen = samples.filter((s) => !fresh.has(s.sample.id));
    let duplicates = 0;
    const rejected: RejectedSample[] = [];
    if (seen.length > 0) {
      const receipts = await preparedQuery<{ sample_id: string; fingerprint: Buffer }>(
        manager,
        'ingest-stored-receipts',
        `SELECT sample_id, fingerprint FROM sample_receipt WHERE host_id = $1 AND sample_id = ANY($2::text[])`,
        [hostId, seen.map((s) => s.sample.id)],
      );
      const stored = new Map(receipts.map((r) => [r.sample_id, r.fingerprint]));
      for (const s of seen) {
        if (stored.get(s.sample.id)?.equals(s.fingerprint)) duplicates += 1;
        else rejected.push(conflict(s.sample.id, 'already'));
      }
    }

    const accepted = samples.filter((s) => fresh.has(s.sample.id)).map((s) => s.sample);
    if (accepted.length > 0) {
      const rollups =
        accepted.length === samples.length ? folded : foldSamples(accepted, enrollments);
      await this.insertAndRollUp(manager, hostId, accepted, rollups);
    }
    return { accepted: accepted.length, duplicates, rejected };
  }

  /** Runs the database part when the gate lets it; a full gate answers a retryable error. */
  private async throughGate<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await this.gate.run(work);
    } catch (error) {
      if (!(error instanceof IngestSaturated)) throw error;
      throw this.busy(error);
    }
  }

  private busy(error: IngestSaturated): GraphQLError {
    return unavailable(busyMessage(error.retryAfterSeconds), error.retryAfterSeconds);
  }

  /** The host's memberships of running experiments, which its samples count toward. */
  private async activeEnrollments(hostId: string): Promise<ActiveEnrollment[]> {
    const rows = await preparedQuery<{
      experiment_id: string;
      arm_id: string;
      first_opted_in_at: Date;
      opted_out_at: Date | null;
      status: string;
      gaps: [string, string][];
    }>(
      this.dataSource,
      'ingest-active-enrollments',
      `SELECT e.experiment_id, e.arm_id, e.first_opted_in_at, e.opted_out_at, e.status,
              coalesce((SELECT json_agg(json_build_array(g.opted_out_at, g.opted_in_at))
                          FROM enrollment_gap g
                         WHERE g.experiment_id = e.experiment_id AND g.host_id = e.host_id), '[]') AS gaps
         FROM enrollment e JOIN experiment x ON x.id = e.experiment_id
        WHERE e.host_id = $1 AND x.status = 'RUNNING'`,
      [hostId],
    );
    return rows.map((r) => ({
      experimentId: r.experiment_id,
      armId: r.arm_id,
      firstOptedInAt: r.first_opted_in_at,
      optedOutAt: r.opted_out_at,
      optedIn: r.status === 'OPTED_IN',
      gaps: r.gaps.map(([from, to]) => ({ from: new Date(from), to: new Date(to) })),
    }));
  }

  /**
   * The new samples (by COPY) and what they add to the rollups (in one statement, one
   * round trip, so the transaction holds its row locks as briefly as it can).
   */
  private async insertAndRollUp(
    manager: EntityManager,
    hostId: string,
    samples: ValidSample[],
    { hostRows, dailyRows, sizeRows, histogramRows }: FoldedRollups,
  ): Promise<void> {
    await copySamples(manager, hostId, samples);
    if (hostRows.length === 0) return;
    await preparedQuery(
      manager,
      'ingest-rollups',
      `WITH host_rollup AS (
         INSERT INTO host_metric_rollup (experiment_id, host_id, arm_id, metric, period, count, sum, sum_sq, min, max)
         SELECT e, $1, a, m, p, c, s, q, lo, hi
           FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::bigint[], $7::float8[], $8::float8[], $9::float8[], $10::float8[])
             AS t(e, a, m, p, c, s, q, lo, hi)
         ON CONFLICT (experiment_id, host_id, metric, period) DO UPDATE SET ${ADD_TO_HOST_ROLLUP}
       ), daily AS (
         INSERT INTO host_metric_daily (experiment_id, metric, day, host_id, arm_id, count, sum, sum_sq)
         SELECT e, m, d, $1, a, c, s, q
           FROM unnest($18::uuid[], $19::text[], $20::date[], $21::uuid[], $22::bigint[], $23::float8[], $24::float8[])
             AS t(e, m, d, a, c, s, q)
         ON CONFLICT (experiment_id, metric, day, host_id) DO UPDATE SET ${addToDaily('host_metric_daily')}
       ), by_size AS (
         INSERT INTO host_metric_daily_by_size (experiment_id, metric, day, host_id, size_class, arm_id, count, sum, sum_sq)
         SELECT e, m, d, $1, z, a, c, s, q
           FROM unnest($25::uuid[], $26::text[], $27::date[], $28::text[], $29::uuid[], $30::bigint[], $31::float8[], $32::float8[])
             AS t(e, m, d, z, a, c, s, q)
         ON CONFLICT (experiment_id, metric, day, host_id, size_class) DO UPDATE SET ${addToDaily('host_metric_daily_by_size')}
       )
       INSERT INTO arm_metric_histogram (experiment_id, arm_id, metric, day, bucket, shard, count)
       SELECT e, a, m, d, b, $11, c FROM unnest($12::uuid[], $13::uuid[], $14::text[], $15::date[], $16::int[], $17::bigint[])
         AS t(e, a, m, d, b, c)
       ON CONFLICT (experiment_id, metric, arm_id, day, bucket, shard) DO UPDATE
         SET count = arm_metric_histogram.count + EXCLUDED.count`,
      [
        hostId,
        hostRows.map((r) => r.experimentId),
        hostRows.map((r) => r.armId),
        hostRows.map((r) => r.metric),
        hostRows.map((r) => r.period),
        hostRows.map((r) => r.count),
        hostRows.map((r) => r.sum),
        hostRows.map((r) => r.sumSq),
        hostRows.map((r) => r.min),
        hostRows.map((r) => r.max),
        histogramShard(hostId),
        histogramRows.map((r) => r.experimentId),
        histogramRows.map((r) => r.armId),
        histogramRows.map((r) => r.metric),
        histogramRows.map((r) => r.day),
        histogramRows.map((r) => r.bucket),
        histogramRows.map((r) => r.count),
        dailyRows.map((r) => r.experimentId),
        dailyRows.map((r) => r.metric),
        dailyRows.map((r) => r.day),
        dailyRows.map((r) => r.armId),
        dailyRows.map((r) => r.count),
        dailyRows.map((r) => r.sum),
        dailyRows.map((r) => r.sumSq),
        sizeRows.map((r) => r.experimentId),
        sizeRows.map((r) => r.metric),
        sizeRows.map((r) => r.day),
        sizeRows.map((r) => r.sizeClass),
        sizeRows.map((r) => r.armId),
        sizeRows.map((r) => r.count),
        sizeRows.map((r) => r.sum),
        sizeRows.map((r) => r.sumSq),
      ],
    );
  }

  private async withRetry<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction(work);
      } catch (error) {
        const { code, driverError } = error as { code?: string; driverError?: { code?: string } };
        const sqlState = driverError?.code ?? code;
        if (attempt >= 5 || !sqlState || !RETRYABLE.has(sqlState)) throw error;
      }
    }
  }
}

function conflict(id: string, when: string): RejectedSample {
  return {
    id,
    code: 'CONFLICT',
    reason: `sample id ${JSON.stringify(id)} was ${when} used for a sample with different content; the stored one is unchanged. Give every sample its own id.`,
  };
}
