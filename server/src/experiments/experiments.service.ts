import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager, type Repository } from 'typeorm';
import {
  bucketRanges,
  describeRule,
  findMetric,
  transition,
  validateArmWeights,
  validateExperimentDefinition,
  type ExperimentAction,
} from '@fleetlab/shared';
import { AlertsService, type AlertInput } from '../alerts/alerts.service.js';
import { assertSlug } from '../common/assert-slug.js';
import { retryingTransaction } from '../database/retrying-transaction.js';
import {
  assertNoProblems,
  badInput,
  isUniqueViolation,
  notFound,
} from '../common/graphql-errors.js';
import { ChangeEntity } from '../changes/change.entity.js';
import { ExperimentEvents } from '../live/experiment-events.js';
import { ChangesService } from '../changes/changes.service.js';
import { ArmEntity } from './arm.entity.js';
import type { ArmWeightInput } from './dto/arm-weight.input.js';
import type { CreateExperimentInput } from './dto/create-experiment.input.js';
import { ExperimentMetricEntity } from './experiment-metric.entity.js';
import { ExperimentEntity } from './experiment.entity.js';
import { ExperimentStatus } from './experiment.enums.js';
import type { Experiment } from './experiment.model.js';

export interface ExperimentListFilter {
  changeSlug?: string | null;
  status?: ExperimentStatus | null;
}

@Injectable()
export class ExperimentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(ExperimentEntity) private readonly experiments: Repository<ExperimentEntity>,
    private readonly changes: ChangesService,
    private readonly events: ExperimentEvents,
    private readonly alerts: AlertsService,
  ) {}

  async list(filter: ExperimentListFilter = {}): Promise<ExperimentEntity[]> {
    const where: Record<string, unknown> = {};
    if (filter.changeSlug) where.changeId = (await this.changes.bySlug(filter.changeSlug)).id;
    if (filter.status) where.status = filter.status;
    return this.experiments.find({
      where,
      relations: { arms: true, metrics: true },
      order: { createdAt: 'DESC', arms: { position: 'ASC' }, metrics: { position: 'ASC' } },
    });
  }

  /** The experiment with its arms and metrics, or NOT_FOUND naming the slug. */
  async bySlug(
    slug: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ExperimentEntity> {
    assertSlug(slug, 'experiment', 'experimentSlug');
    const experiment = await manager.findOne(ExperimentEntity, {
      where: { slug },
      relations: { arms: true, metrics: true },
      order: { arms: { position: 'ASC' }, metrics: { position: 'ASC' } },
    });
    if (!experiment) {
      throw notFound(
        `No experiment with slug "${slug}". List them with the \`experiments\` query.`,
      );
    }
    return experiment;
  }

  /** Experiments by id, with their arms and metrics in order (unknown ids are left out). */
  byIds(ids: readonly string[]): Promise<ExperimentEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.manager.find(ExperimentEntity, {
      where: { id: In([...ids]) },
      relations: { arms: true, metrics: true },
      order: { arms: { position: 'ASC' }, metrics: { position: 'ASC' } },
    });
  }

  async create(input: CreateExperimentInput, ownerId: string | null): Promise<ExperimentEntity> {
    assertNoProblems(validateExperimentDefinition(input));
    const change = await this.changes.bySlug(input.changeSlug);
    if (await this.experiments.existsBy({ slug: input.slug })) throw duplicateSlug(input.slug);
    try {
      const saved = await retryingTransaction(this.dataSource, async (manager) => {
        const experiment = manager.create(ExperimentEntity, {
          changeId: change.id,
          ownerId,
          slug: input.slug,
          title: input.title.trim(),
          hypothesis: input.hypothesis?.trim() || null,
          status: ExperimentStatus.DRAFT,
          autoHalt: input.autoHalt ?? false,
          salt: randomBytes(8).toString('hex'),
          plannedHostsPerArm: input.plannedHostsPerArm ?? null,
          targeting: (input.targeting ?? []).map((r) => ({
            fact: r.fact,
            op: r.op,
            values: r.values,
          })),
          arms: input.arms.map((arm, position) =>
            manager.create(ArmEntity, {
              key: arm.key,
              name: arm.name?.trim() || null,
              weight: arm.weight,
              baseline: arm.baseline,
              packages: arm.packages ?? [],
              repos: arm.repos ?? [],
              position,
            }),
          ),
          metrics: input.metrics.map((metric, position) =>
            manager.create(ExperimentMetricEntity, {
              metric: metric.metric,
              role: metric.role,
              margin: metric.margin ?? null,
              position,
            }),
          ),
        });
        return manager.save(experiment);
      });
      return this.bySlug(saved.slug);
    } catch (e) {
      if (isUniqueViolation(e)) throw duplicateSlug(input.slug);
      throw e;
    }
  }

  /**
   * Moves the experiment along its lifecycle, refusing every transition not allowed. A
   * halt keeps its reason until the experiment is started again. Halting, resuming
   * (or lifting a halt) and concluding alert, in the same transaction; `by` names who
   * did it, for the alert.
   */
  async transition(
    slug: string,
    action: ExperimentAction,
    { reason, by }: { reason?: string | null; by?: string } = {},
  ): Promise<ExperimentEntity> {
    await retryingTransaction(this.dataSource, async (manager) => {
      const experiment = await this.lockBySlug(manager, slug);
      const result = transition(experiment.status, action, slug);
      if ('problem' in result) {
        throw badInput(result.problem, {
          reason: 'INVALID_TRANSITION',
          status: experiment.status,
          action,
        });
      }
      const now = new Date();
      await manager.update(ExperimentEntity, experiment.id, {
        status: result.to,
        ...(action === 'START' && !experiment.startedAt ? { startedAt: now } : {}),
        ...(action === 'PAUSE' ? { pausedAt: now } : {}),
        ...(action === 'START' ? { pausedAt: null } : {}),
        ...(action === 'CONCLUDE' ? { concludedAt: now } : {}),
        ...(action === 'HALT'
          ? {
              haltedAt: now,
              haltReason: reason?.trim() || 'Halted by its owner.',
              haltFigures: null,
            }
          : {}),
        ...(action === 'START' ? { haltedAt: null, haltReason: null, haltFigures: null } : {}),
      });
      const alert = transitionAlert(experiment, result.to, { reason, by });
      if (alert) await this.alerts.emit(manager, { ...alert, occurredAt: now });
    });
    const moved = await this.bySlug(slug);
    this.events.changed(moved.id, 'STATUS');
    return moved;
  }

  /**
   * Changes arm weights. Only hosts that opt in later are affected: an enrolled
   * host keeps the arm stored with its enrollment.
   */
  async setArmWeights(slug: string, weights: ArmWeightInput[]): Promise<ExperimentEntity> {
    await retryingTransaction(this.dataSource, async (manager) => {
      const experiment = await this.lockBySlug(manager, slug);
      if (experiment.status === 'CONCLUDED') {
        throw badInput(`Experiment "${slug}" is concluded; its weights can no longer change.`, {
          reason: 'CONCLUDED',
        });
      }
      const arms = await manager.findBy(ArmEntity, { experimentId: experiment.id });
      assertNoProblems(validateArmWeights(arms, weights), 'weights');
      for (const { key, weight } of weights) {
        await manager.update(ArmEntity, { experimentId: experiment.id, key }, { weight });
      }
    });
    return this.bySlug(slug);
  }

  /** Whether it halts itself (see autoHalt); refused once concluded. */
  async setAutoHalt(slug: string, enabled: boolean): Promise<ExperimentEntity> {
    await retryingTransaction(this.dataSource, async (manager) => {
      const experiment = await this.lockBySlug(manager, slug);
      if (experiment.status === 'CONCLUDED')
        throw badInput(`Experiment "${slug}" is concluded; it can no longer halt.`, {
          reason: 'CONCLUDED',
        });
      await manager.update(ExperimentEntity, experiment.id, { autoHalt: enabled });
    });
    return this.bySlug(slug);
  }

  private async lockBySlug(manager: EntityManager, slug: string): Promise<ExperimentEntity> {
    assertSlug(slug, 'experiment', 'slug');
    const experiment = await manager.findOne(ExperimentEntity, {
      where: { slug },
      lock: { mode: 'pessimistic_write' },
    });
    if (!experiment) throw notFound(`No experiment with slug "${slug}".`);
    return experiment;
  }

  /**
   * GraphQL views of experiments, with their change and enrollment counts. The counts
   * come from the enrollment tally the folder keeps (a few rows per arm, however many
   * hosts), so they follow opt-ins within seconds.
   */
  async present(experiments: ExperimentEntity[]): Promise<Experiment[]> {
    if (experiments.length === 0) return [];
    const ids = experiments.map((e) => e.id);
    const changes = await this.dataSource.manager.findBy(ChangeEntity, {
      id: In([...new Set(experiments.map((e) => e.changeId))]),
    });
    const counts: { arm_id: string; status: string; n: string }[] = await this.dataSource.query(
      `SELECT arm_id, status, sum(hosts) AS n FROM enrollment_tally WHERE experiment_id = ANY($1) GROUP BY arm_id, status`,
      [ids],
    );
    const owners: { id: string; name: string }[] = await this.dataSource.query(
      `SELECT id, name FROM person WHERE id = ANY($1::uuid[])`,
      [experiments.flatMap((e) => (e.ownerId ? [e.ownerId] : []))],
    );
    const count = (armId: string, status: string): number =>
      Number(counts.find((c) => c.arm_id === armId && c.status === status)?.n ?? 0);

    return experiments.map((experiment) => {
      const arms = experiment.arms ?? [];
      const ranges = bucketRanges(arms);
      const presentedArms = arms.map((arm, i) => ({
        ...arm,
        bucketFrom: ranges[i]?.from ?? 0,
        bucketTo: ranges[i]?.to ?? 0,
        hosts: count(arm.id, 'OPTED_IN'),
      }));
      return {
        ...experiment,
        status: experiment.status,
        change: changes.find((c) => c.id === experiment.changeId)!,
        owner: owners.find((o) => o.id === experiment.ownerId)?.name ?? null,
        arms: presentedArms,
        targeting: experiment.targeting.map((rule) => ({
          ...rule,
          op: rule.op,
          description: describeRule(rule),
        })),
        metrics: (experiment.metrics ?? []).map((m) => {
          const definition = findMetric(m.metric)!;
          return {
            metric: m.metric,
            role: m.role,
            margin: m.margin,
            definition: { ...definition, direction: definition.direction },
          };
        }),
        hostsOptedIn: presentedArms.reduce((sum, arm) => sum + arm.hosts, 0),
        hostsOptedOut: arms.reduce((sum, arm) => sum + count(arm.id, 'OPTED_OUT'), 0),
      };
    });
  }
}

/**
 * The alert a move along the lifecycle sends, if any: halting, resuming a paused
 * experiment or lifting a halt, and concluding.
 */
function transitionAlert(
  experiment: ExperimentEntity,
  to: ExperimentStatus,
  { reason, by }: { reason?: string | null; by?: string },
): AlertInput | null {
  const figures = { fromStatus: experiment.status, toStatus: to, ...(by ? { by } : {}) };
  const who = by ? ` by ${by}` : '';
  const title = `"${experiment.title}"`;
  const base = { experimentId: experiment.id, figures };
  if (to === 'HALTED') {
    const why = reason?.trim() || 'no reason given';
    return {
      ...base,
      type: 'HALTED',
      sentence: `${title} was halted${who}: ${/[.!?]$/.test(why) ? why : `${why}.`} Hosts go back to the stock stack.`,
      figures: { ...figures, reason: why },
    };
  }
  if (to === 'RUNNING' && experiment.status === 'HALTED')
    return {
      ...base,
      type: 'RESUMED',
      sentence: `${title} was started again${who}, lifting its halt: hosts may opt in again and their samples count again.`,
    };
  if (to === 'RUNNING' && experiment.status === 'PAUSED')
    return {
      ...base,
      type: 'RESUMED',
      sentence: `${title} was resumed${who}: hosts may opt in again and their samples count again.`,
    };
  if (to === 'CONCLUDED')
    return {
      ...base,
      type: 'CONCLUDED',
      sentence: `${title} was concluded${who}: its results are final and it will not run again.`,
    };
  return null;
}

function duplicateSlug(slug: string): Error {
  return badInput(`An experiment with slug "${slug}" already exists; choose another slug.`, {
    field: 'slug',
    reason: 'DUPLICATE_SLUG',
  });
}
