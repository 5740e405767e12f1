import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import type { ExperimentStatus, TargetingRule } from '@fleetlab/shared';
import { PersonEntity } from '../access/person.entity.js';
import { ChangeEntity } from '../changes/change.entity.js';
import { ArmEntity } from './arm.entity.js';
import { ExperimentMetricEntity } from './experiment-metric.entity.js';

@Entity({ name: 'experiment' })
@Check(
  'experiment_status_check',
  `"status" IN ('DRAFT', 'RUNNING', 'PAUSED', 'HALTED', 'CONCLUDED')`,
)
@Check('experiment_planned_hosts_per_arm_check', `"planned_hosts_per_arm" > 0`)
export class ExperimentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('experiment_change_id_idx')
  @Column({ name: 'change_id', type: 'uuid' })
  changeId: string;

  @ManyToOne(() => ChangeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'change_id' })
  change?: Relation<ChangeEntity>;

  @Column({ type: 'text', unique: true })
  slug: string;

  /** The person who created it; an OWNER may change only their own experiments. */
  @Index('experiment_owner_id_idx')
  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId: string | null;

  @ManyToOne(() => PersonEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'owner_id' })
  owner?: Relation<PersonEntity>;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  hypothesis: string | null;

  @Column({ type: 'text', default: 'DRAFT' })
  status: ExperimentStatus;

  /** Mixed into the assignment hash so that experiments split hosts independently. */
  @Column({ type: 'text' })
  salt: string;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  targeting: TargetingRule[];

  /**
   * The hosts per arm the experiment plans to reach; its confidence sequences are tuned
   * to be narrowest there (null: DEFAULT_PLANNED_HOSTS_PER_ARM).
   */
  @Column({ name: 'planned_hosts_per_arm', type: 'integer', nullable: true })
  plannedHostsPerArm: number | null;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'paused_at', type: 'timestamptz', nullable: true })
  pausedAt: Date | null;

  @Column({ name: 'concluded_at', type: 'timestamptz', nullable: true })
  concludedAt: Date | null;

  /** Halts itself when a guardrail is worse beyond its margin or a critical health check fails. */
  @Column({ name: 'auto_halt', type: 'boolean', default: false })
  autoHalt: boolean;

  @Column({ name: 'halted_at', type: 'timestamptz', nullable: true })
  haltedAt: Date | null;

  /** Why it halted, in a sentence (the decision's headline, or the owner's reason). */
  @Column({ name: 'halt_reason', type: 'text', nullable: true })
  haltReason: string | null;

  /** The figures that made it halt on its own: the failed guardrails and checks. */
  @Column({ name: 'halt_figures', type: 'jsonb', nullable: true })
  haltFigures: object | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @OneToMany(() => ArmEntity, (arm) => arm.experiment, { cascade: ['insert'] })
  arms?: Relation<ArmEntity[]>;

  @OneToMany(() => ExperimentMetricEntity, (metric) => metric.experiment, { cascade: ['insert'] })
  metrics?: Relation<ExperimentMetricEntity[]>;
}
