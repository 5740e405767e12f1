import { hash } from 'node:crypto';
import type { GraphQLError } from 'graphql';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  sampleFingerprint,
  samplesOfTable,
  validateSample,
  type SampleInputShape,
  type ValidSample,
} from '@fleetlab/shared';
import { AppConfig } from '../config/app-config.js';
import { badInput, unavailable } from '../common/graphql-errors.js';
import { FolderService } from '../folding/folder.service.js';
import { busyMessage, IngestGate, IngestSaturated } from './ingest-gate.js';
import { copySamples } from './sample-copy.js';
import { preparedQuery } from '../database/prepared-query.js';
import { retryingTransaction } from '../database/retrying-transaction.js';
import {
  INSERT_RECEIPTS_SQL,
  QUEUE_FOR_FOLD_SQL,
  STORED_RECEIPTS_SQL,
} from './telemetry.queries.js';
import type { IngestResult, RejectedSample } from './ingest-result.model.js';

export const MAX_BATCH_SAMPLES = 1000;
/** A host's clock may run this far ahead of the server's. */
const FUTURE_GRACE_MS = 5 * 60_000;

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
    private readonly folder: FolderService,
  ) {
    this.gate = new IngestGate(config.FLEETLAB_INGEST_CONCURRENCY, config.FLEETLAB_INGEST_QUEUE);
  }

  /**
   * Stores a host's batch: each valid sample exactly once, whatever the retries; each
   * invalid one rejected with its reason and nothing of it kept. The receipts, the
   * samples and the batch's place in the fold queue are written in one transaction;
   * the folder (server/src/folding/) folds the batch into the rollups afterwards.
   */
  async ingest(
    hostId: string,
    inputs: readonly SampleInputShape[],
    malformed: readonly RejectedSample[] = [],
  ): Promise<IngestResult> {
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
    const rejected: RejectedSample[] = [...malformed];
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
    const stored = await this.throughGate(() =>
      retryingTransaction(this.dataSource, (manager) => this.store(manager, hostId, samples)),
    );
    if (stored.accepted > 0) this.folder.wake();
    return {
      accepted: stored.accepted,
      duplicates: duplicates + stored.duplicates,
      rejected: [...rejected, ...stored.rejected],
    };
  }

  /** A batch in the compact table form (see sample-table.ts). */
  ingestTable(hostId: string, table: unknown): Promise<IngestResult> {
    const parsed = samplesOfTable(table, MAX_BATCH_SAMPLES);
    if ('problem' in parsed) throw badInput(parsed.problem, { field: 'table' });
    return this.ingest(hostId, parsed.samples, parsed.malformed);
  }

  private async store(
    manager: EntityManager,
    hostId: string,
    samples: Fingerprinted[],
  ): Promise<{ accepted: number; duplicates: number; rejected: RejectedSample[] }> {
    const ids = samples.map((s) => s.sample.id);
    // A receipt already there (committed by an earlier or concurrent delivery) makes
    // ON CONFLICT skip the sample; a concurrent one is waited for, then skipped.
    const inserted = await preparedQuery<{ sample_id: string }>(
      manager,
      'ingest-receipts',
      INSERT_RECEIPTS_SQL,
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
        STORED_RECEIPTS_SQL,
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
      await copySamples(manager, hostId, accepted);
      let from = accepted[0]!.observedAt;
      let to = from;
      for (const { observedAt } of accepted) {
        if (observedAt < from) from = observedAt;
        if (observedAt > to) to = observedAt;
      }
      await preparedQuery(manager, 'ingest-fold-queue', QUEUE_FOR_FOLD_SQL, [
        hostId,
        accepted.map((s) => s.id),
        from,
        to,
      ]);
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
}

function conflict(id: string, when: string): RejectedSample {
  return {
    id,
    code: 'CONFLICT',
    reason: `sample id ${JSON.stringify(id)} was ${when} used for a sample with different content; the stored one is unchanged. Give every sample its own id.`,
  };
}

/** Orders text by code unit, the same in every process (no locale). */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
