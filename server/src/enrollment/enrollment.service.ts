import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { assignArm, bucketOf, describeRule, firstUnmatchedRule } from '@fleetlab/shared';
import { badInput, forbidden, notFound } from '../common/graphql-errors.js';
import { isUuid } from '../common/uuid.js';
import type { Experiment } from '../experiments/experiment.model.js';
import { ExperimentsService } from '../experiments/experiments.service.js';
import type { HostFilterInput } from '../hosts/dto/host-filter.input.js';
import { HostEntity } from '../hosts/host.entity.js';
import { HostsService } from '../hosts/hosts.service.js';
import { retryingTransaction } from '../database/retrying-transaction.js';
import { FolderService } from '../folding/folder.service.js';
import { EnrollmentEntity } from './enrollment.entity.js';
import { OPT_IN_SQL, OPT_OUT_SQL } from './enrollment.queries.js';
import { assertOptInOpen, assertOptOutOpen, lockExperiment } from './enrollment-rules.js';
import type { Enrollment } from './enrollment.model.js';

export interface HostSelection {
  hostIds?: string[] | null;
  selector?: HostFilterInput | null;
}

const MAX_REASON_LENGTH = 500;

@Injectable()
export class EnrollmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly experiments: ExperimentsService,
    private readonly hosts: HostsService,
    private readonly folder: FolderService,
  ) {}

  /**
   * Opts hosts in. Each host gets the arm its bucket falls in under the current
   * weights, once; opting in again answers the same arm. By ids it is all or
   * nothing; by selector, hosts outside the experiment's targeting are left out.
   */
  async optIn(experimentSlug: string, selection: HostSelection): Promise<Enrollment[]> {
    const { hosts, byIds } = await this.selectHosts(selection);
    const enrollments = await retryingTransaction(this.dataSource, async (manager) => {
      const experiment = await lockExperiment(this.experiments, manager, experimentSlug);
      assertOptInOpen(experiment);
      const eligible = hosts.filter((host) => {
        const rule = firstUnmatchedRule(experiment.targeting, host.facts);
        if (rule && byIds) {
          throw forbidden(
            `Host ${host.hostname ?? host.id} is not targeted by experiment "${experimentSlug}": it does not match the rule ${describeRule(rule)}.`,
            {
              reason: 'NOT_TARGETED',
              hostId: host.id,
              rule: { fact: rule.fact, op: rule.op, values: rule.values },
            },
          );
        }
        return !rule;
      });
      if (eligible.length === 0) return [];
      const arms = experiment.arms ?? [];
      const assigned = eligible.map((host) => {
        const key = assignArm(experiment.salt, host.id, arms);
        return {
          hostId: host.id,
          armId: arms.find((a) => a.key === key)!.id,
          bucket: bucketOf(experiment.salt, host.id),
        };
      });
      await manager.query(OPT_IN_SQL, [
        experiment.id,
        assigned.map((a) => a.hostId),
        assigned.map((a) => a.armId),
        assigned.map((a) => a.bucket),
      ]);
      return manager.findBy(EnrollmentEntity, {
        experimentId: experiment.id,
        hostId: In(assigned.map((a) => a.hostId)),
      });
    });
    if (enrollments.length > 0) this.folder.wake();
    return this.present(experimentSlug, enrollments, hosts);
  }

  /** Opts hosts out. By ids, every host must be enrolled; by selector, the enrolled ones are. */
  async optOut(
    experimentSlug: string,
    selection: HostSelection,
    reason?: string | null,
  ): Promise<Enrollment[]> {
    const why = reason?.trim() || null;
    if (why && why.length > MAX_REASON_LENGTH) {
      throw badInput(`reason must be at most ${MAX_REASON_LENGTH} characters`, { field: 'reason' });
    }
    const { hosts, byIds } = await this.selectHosts(selection);
    const enrollments = await retryingTransaction(this.dataSource, async (manager) => {
      const experiment = await lockExperiment(this.experiments, manager, experimentSlug);
      assertOptOutOpen(experiment);
      const ids = hosts.map((h) => h.id);
      const existing = await manager.findBy(EnrollmentEntity, {
        experimentId: experiment.id,
        hostId: In(ids),
      });
      if (byIds && existing.length < ids.length) {
        const missing = hosts.find((h) => !existing.some((e) => e.hostId === h.id))!;
        throw notFound(
          `Host ${missing.hostname ?? missing.id} is not enrolled in experiment "${experimentSlug}".`,
          {
            reason: 'NOT_ENROLLED',
            hostId: missing.id,
          },
        );
      }
      if (existing.length === 0) return [];
      await manager.query(OPT_OUT_SQL, [experiment.id, existing.map((e) => e.hostId), why]);
      return manager.findBy(EnrollmentEntity, {
        experimentId: experiment.id,
        hostId: In(existing.map((e) => e.hostId)),
      });
    });
    if (enrollments.length > 0) this.folder.wake();
    return this.present(experimentSlug, enrollments, hosts);
  }

  /**
   * The enrollments of each of `hosts`, newest first, in a fixed number of queries
   * whatever the number of hosts (a page of the Hosts list asks for fifty at once).
   */
  async ofHosts(hosts: readonly HostEntity[]): Promise<Enrollment[][]> {
    const rows = hosts.length
      ? await this.dataSource.manager.find(EnrollmentEntity, {
          where: { hostId: In(hosts.map((h) => h.id)) },
          order: { optedInAt: 'DESC' },
        })
      : [];
    const experiments = await this.experiments.present(
      await this.experiments.byIds([...new Set(rows.map((r) => r.experimentId))]),
    );
    const experimentById = new Map(experiments.map((e) => [e.id, e]));
    return hosts.map((host) =>
      rows
        .filter((row) => row.hostId === host.id)
        .map((row) => {
          const experiment = experimentById.get(row.experimentId)!;
          return {
            experiment,
            host,
            arm: experiment.arms.find((a) => a.id === row.armId)!,
            status: row.status,
            bucket: row.bucket,
            optedInAt: row.optedInAt,
            optedOutAt: row.optedOutAt,
            optOutReason: row.optOutReason,
          };
        }),
    );
  }

  private async selectHosts(
    selection: HostSelection,
  ): Promise<{ hosts: HostEntity[]; byIds: boolean }> {
    const { hostIds, selector } = selection;
    if ((hostIds == null) === (selector == null)) {
      throw badInput('Give either hostIds or selector, not both and not neither.', {
        field: 'hostIds',
      });
    }
    if (!hostIds) return { hosts: await this.hosts.select(selector!), byIds: false };
    const unique = [...new Set(hostIds)];
    const malformed = unique.find((id) => !isUuid(id));
    if (malformed !== undefined)
      throw badInput(`"${malformed}" is not a host id (a UUID).`, { field: 'hostIds' });
    const hosts = unique.length
      ? await this.dataSource.manager.findBy(HostEntity, { id: In(unique) })
      : [];
    const missing = unique.find((id) => !hosts.some((h) => h.id === id));
    if (missing) throw notFound(`No host with id "${missing}".`, { field: 'hostIds' });
    return { hosts, byIds: true };
  }

  private async present(
    slug: string,
    rows: EnrollmentEntity[],
    hosts: HostEntity[],
  ): Promise<Enrollment[]> {
    if (rows.length === 0) return [];
    const [experiment] = (await this.experiments.present([
      await this.experiments.bySlug(slug),
    ])) as [Experiment];
    const hostById = new Map(hosts.map((h) => [h.id, h]));
    const order = new Map(hosts.map((h, i) => [h.id, i]));
    rows.sort((a, b) => order.get(a.hostId)! - order.get(b.hostId)!);
    return rows.map((row) => ({
      experiment,
      host: hostById.get(row.hostId)!,
      arm: experiment.arms.find((a) => a.id === row.armId)!,
      status: row.status,
      bucket: row.bucket,
      optedInAt: row.optedInAt,
      optedOutAt: row.optedOutAt,
      optOutReason: row.optOutReason,
    }));
  }
}
