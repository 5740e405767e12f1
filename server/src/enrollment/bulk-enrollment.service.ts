import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { bucketRanges } from '@fleetlab/shared';
import { badInput } from '../common/graphql-errors.js';
import { ExperimentsService } from '../experiments/experiments.service.js';
import { retryingTransaction } from '../database/retrying-transaction.js';
import { FolderService } from '../folding/folder.service.js';
import type { HostFilterInput } from '../hosts/dto/host-filter.input.js';
import { factRuleSql, SqlParams } from '../hosts/host-filter.sql.js';
import { HostsService } from '../hosts/hosts.service.js';
import type { BulkEnrollment } from './bulk-enrollment.model.js';
import { optInMatchingSql, optOutMatchingSql } from './enrollment.queries.js';
import { assertOptInOpen, assertOptOutOpen, lockExperiment } from './enrollment-rules.js';

const MAX_REASON_LENGTH = 500;

/**
 * Opting in or out every host a selector matches, in one statement each, whatever
 * their number: the selector and the targeting become SQL (as for the hosts page),
 * the arm comes from the bucket computed in SQL exactly as bucketOf does, and the
 * folder tallies the changed enrollments afterwards. Nothing is read into the server.
 */
@Injectable()
export class BulkEnrollmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly experiments: ExperimentsService,
    private readonly hosts: HostsService,
    private readonly folder: FolderService,
  ) {}

  async optIn(experimentSlug: string, selector: HostFilterInput): Promise<BulkEnrollment> {
    const result = await retryingTransaction(this.dataSource, async (manager) => {
      const experiment = await lockExperiment(this.experiments, manager, experimentSlug);
      assertOptInOpen(experiment);
      const params = new SqlParams();
      const conditions = await this.hosts.filterConditions(selector, params);
      const targeted = experiment.targeting.map((rule) => factRuleSql(rule, params));
      const arms = experiment.arms ?? [];
      const ranges = bucketRanges(arms);
      const [row] = await manager.query<
        { matched: number; not_targeted: number; changed: number }[]
      >(
        optInMatchingSql(conditions, targeted, {
          experimentId: params.add(experiment.id),
          salt: params.add(experiment.salt),
          bucketFrom: params.add(ranges.map((r) => r.from)),
          bucketTo: params.add(ranges.map((r) => r.to)),
          armIds: params.add(arms.map((arm) => arm.id)),
        }),
        params.values,
      );
      return row!;
    });
    if (result.changed > 0) this.folder.wake();
    return {
      matched: result.matched,
      changed: result.changed,
      unchanged: result.matched - result.not_targeted - result.changed,
      notTargeted: result.not_targeted,
    };
  }

  async optOut(
    experimentSlug: string,
    selector: HostFilterInput,
    reason?: string | null,
  ): Promise<BulkEnrollment> {
    const why = reason?.trim() || null;
    if (why && why.length > MAX_REASON_LENGTH) {
      throw badInput(`reason must be at most ${MAX_REASON_LENGTH} characters`, { field: 'reason' });
    }
    const result = await retryingTransaction(this.dataSource, async (manager) => {
      const experiment = await lockExperiment(this.experiments, manager, experimentSlug);
      assertOptOutOpen(experiment);
      const params = new SqlParams();
      const conditions = await this.hosts.filterConditions(selector, params);
      const [row] = await manager.query<{ matched: number; changed: number }[]>(
        optOutMatchingSql(conditions, {
          reason: params.add(why),
          experimentId: params.add(experiment.id),
        }),
        params.values,
      );
      return row!;
    });
    if (result.changed > 0) this.folder.wake();
    return {
      matched: result.matched,
      changed: result.changed,
      unchanged: result.matched - result.changed,
      notTargeted: 0,
    };
  }
}
