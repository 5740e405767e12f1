import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BUCKET_SQL, bucketRanges } from '@fleetlab/shared';
import { assertSlug } from '../common/assert-slug.js';
import { badInput } from '../common/graphql-errors.js';
import { ExperimentsService } from '../experiments/experiments.service.js';
import { FolderService } from '../folding/folder.service.js';
import type { HostFilterInput } from '../hosts/dto/host-filter.input.js';
import { factRuleSql, SqlParams } from '../hosts/host-filter.sql.js';
import { HostsService, whereClause } from '../hosts/hosts.service.js';
import type { BulkEnrollment } from './bulk-enrollment.model.js';

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
    assertSlug(experimentSlug, 'experiment', 'experimentSlug');
    const result = await this.dataSource.transaction(async (manager) => {
      // Holds the state and the weights still until the opt-in commits.
      await manager.query('SELECT 1 FROM experiment WHERE slug = $1 FOR SHARE', [experimentSlug]);
      const experiment = await this.experiments.bySlug(experimentSlug, manager);
      if (experiment.status !== 'RUNNING') {
        throw badInput(
          `Experiment "${experimentSlug}" is ${experiment.status.toLowerCase()}; hosts can opt in only while it is running.`,
          { reason: 'NOT_RUNNING', status: experiment.status },
        );
      }
      const params = new SqlParams();
      const conditions = await this.hosts.filterConditions(selector, params);
      const targeted = experiment.targeting.map((rule) => factRuleSql(rule, params));
      const arms = experiment.arms ?? [];
      const ranges = bucketRanges(arms);
      const id = params.add(experiment.id);
      const [row] = await manager.query<
        { matched: number; not_targeted: number; changed: number }[]
      >(
        `WITH matched AS (
           SELECT h.id, ${targeted.length ? targeted.join(' AND ') : 'true'} AS targeted
             FROM host h ${whereClause(conditions)}
         ), assigned AS (
           SELECT m.id AS host_id, ${BUCKET_SQL(params.add(experiment.salt) + '::text', 'm.id')} AS bucket
             FROM matched m WHERE m.targeted
         ), gap AS (
           INSERT INTO enrollment_gap (experiment_id, host_id, opted_out_at, opted_in_at)
           SELECT e.experiment_id, e.host_id, e.opted_out_at, now()
             FROM enrollment e JOIN assigned a ON a.host_id = e.host_id
            WHERE e.experiment_id = ${id} AND e.status = 'OPTED_OUT' AND e.opted_out_at IS NOT NULL
         ), written AS (
           INSERT INTO enrollment (experiment_id, host_id, arm_id, bucket, status, opted_in_at, first_opted_in_at)
           SELECT ${id}, a.host_id, r.arm_id, a.bucket, 'OPTED_IN', now(), now()
             FROM assigned a
             JOIN unnest(${params.add(ranges.map((r) => r.from))}::int[], ${params.add(ranges.map((r) => r.to))}::int[],
                         ${params.add(arms.map((arm) => arm.id))}::uuid[]) AS r(bucket_from, bucket_to, arm_id)
               ON a.bucket >= r.bucket_from AND a.bucket < r.bucket_to
           ON CONFLICT (experiment_id, host_id) DO UPDATE
             SET status = 'OPTED_IN', opted_in_at = now(), opted_out_at = NULL, opt_out_reason = NULL,
                 tally_pending = true
             WHERE enrollment.status = 'OPTED_OUT'
           RETURNING 1
         )
         SELECT (SELECT count(*)::int FROM matched) AS matched,
                (SELECT count(*)::int FROM matched WHERE NOT targeted) AS not_targeted,
                (SELECT count(*)::int FROM written) AS changed`,
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
    assertSlug(experimentSlug, 'experiment', 'experimentSlug');
    const why = reason?.trim() || null;
    if (why && why.length > MAX_REASON_LENGTH) {
      throw badInput(`reason must be at most ${MAX_REASON_LENGTH} characters`, { field: 'reason' });
    }
    const result = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT 1 FROM experiment WHERE slug = $1 FOR SHARE', [experimentSlug]);
      const experiment = await this.experiments.bySlug(experimentSlug, manager);
      if (experiment.status === 'CONCLUDED') {
        throw badInput(
          `Experiment "${experimentSlug}" is concluded; its enrollments are final and no host needs to opt out.`,
          { reason: 'CONCLUDED', status: experiment.status },
        );
      }
      const params = new SqlParams();
      const conditions = await this.hosts.filterConditions(selector, params);
      const [row] = await manager.query<{ matched: number; changed: number }[]>(
        `WITH matched AS (SELECT h.id FROM host h ${whereClause(conditions)}),
         changed AS (
           UPDATE enrollment e
              SET status = 'OPTED_OUT', opted_out_at = now(), opt_out_reason = ${params.add(why)}::text,
                  tally_pending = true
             FROM matched m
            WHERE e.experiment_id = ${params.add(experiment.id)} AND e.host_id = m.id AND e.status = 'OPTED_IN'
            RETURNING 1
         )
         SELECT (SELECT count(*)::int FROM matched) AS matched, (SELECT count(*)::int FROM changed) AS changed`,
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
