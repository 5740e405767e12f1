import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { assertSlug } from '../common/assert-slug.js';
import { badInput, notFound } from '../common/graphql-errors.js';
import { retryingTransaction } from '../database/retrying-transaction.js';
import { FolderService } from './folder.service.js';
import {
  DROP_QUARANTINED_SQL,
  LOCK_QUARANTINED_SQL,
  QUARANTINE_LIST_SQL,
  QUARANTINE_SUMMARY_SQL,
  RETRY_QUARANTINED_SQL,
} from './folding.queries.js';
import type { QuarantinedFold, QuarantineReason } from './rollup-status.model.js';

export interface QuarantineSummary {
  quarantinedSamples: number;
  quarantinedItems: number;
  quarantineReasons: QuarantineReason[];
}

const MAX_PAGE = 500;
const MAX_IDS = 1000;

/** What the folder set aside (fold_quarantine): how much and why, and an admin's remedies. */
@Injectable()
export class QuarantineService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly folder: FolderService,
  ) {}

  /** All of the quarantine, or what touches one experiment (its enrollments, its hosts' batches). */
  async summary(experimentSlug?: string | null): Promise<QuarantineSummary> {
    let experimentId: string | null = null;
    if (experimentSlug) {
      assertSlug(experimentSlug, 'experiment', 'experimentSlug');
      const [experiment] = await this.dataSource.query<{ id: string }[]>(
        'SELECT id FROM experiment WHERE slug = $1',
        [experimentSlug],
      );
      if (!experiment) throw notFound(`No experiment with slug "${experimentSlug}".`);
      experimentId = experiment.id;
    }
    const reasons = await this.dataSource.query<QuarantineReason[]>(QUARANTINE_SUMMARY_SQL, [
      experimentId,
    ]);
    return {
      quarantinedSamples: reasons.reduce((sum, r) => sum + r.samples, 0),
      quarantinedItems: reasons.reduce((sum, r) => sum + r.items, 0),
      quarantineReasons: reasons,
    };
  }

  /** Newest first. */
  list(first: number): Promise<QuarantinedFold[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE)
      throw badInput(`first must be between 1 and ${MAX_PAGE}, got ${first}`, { field: 'first' });
    return this.dataSource.query<QuarantinedFold[]>(QUARANTINE_LIST_SQL, [first]);
  }

  /** Puts items back: batches into the fold queue, enrollments back in the folder's way. */
  async retry(ids: readonly string[]): Promise<void> {
    await retryingTransaction(this.dataSource, async (manager) => {
      await this.lock(manager.query.bind(manager), ids);
      await manager.query(RETRY_QUARANTINED_SQL, [ids]);
    });
    this.folder.wake();
  }

  /** Deletes quarantined batches' samples for good; answers how many samples went. */
  async drop(ids: readonly string[]): Promise<number> {
    return retryingTransaction(this.dataSource, async (manager) => {
      const items = await this.lock(manager.query.bind(manager), ids);
      const enrollments = items.filter((item) => item.kind === 'ENROLLMENT');
      if (enrollments.length > 0)
        throw badInput(
          `Quarantined ${enrollments.map((e) => e.id).join(', ')} ${enrollments.length === 1 ? 'is an enrollment' : 'are enrollments'}: ` +
            'only batches of samples can be dropped. Mend the cause (the host’s facts, say) and retry it, or opt the host out.',
          { field: 'ids', reason: 'NOT_A_BATCH' },
        );
      const [deleted] = await manager.query<{ samples: number }[]>(DROP_QUARANTINED_SQL, [ids]);
      return deleted?.samples ?? 0;
    });
  }

  /** Every id named must be in the quarantine (all or nothing). */
  private async lock(
    query: (sql: string, params: unknown[]) => Promise<unknown>,
    ids: readonly string[],
  ): Promise<{ id: string; kind: string }[]> {
    if (ids.length === 0 || ids.length > MAX_IDS)
      throw badInput(`ids must name 1 to ${MAX_IDS} quarantined items, got ${ids.length}`, {
        field: 'ids',
      });
    const malformed = ids.filter((id) => !/^[1-9][0-9]{0,17}$/.test(id));
    if (malformed.length > 0)
      throw badInput(
        `ids must be quarantine ids (whole numbers), got ${malformed.slice(0, 5).join(', ')}`,
        {
          field: 'ids',
        },
      );
    const found = (await query(LOCK_QUARANTINED_SQL, [ids])) as { id: string; kind: string }[];
    const missing = ids.filter((id) => !found.some((item) => item.id === id));
    if (missing.length > 0)
      throw notFound(
        `Nothing quarantined has id ${missing.slice(0, 5).join(', ')}: it was retried or dropped already, or never was. List the quarantine with quarantinedFolds.`,
        { field: 'ids' },
      );
    return found;
  }
}
