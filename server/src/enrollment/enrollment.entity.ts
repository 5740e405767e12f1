import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { ArmEntity } from '../experiments/arm.entity.js';
import { ExperimentEntity } from '../experiments/experiment.entity.js';
import type { EnrollmentStatus } from '@fleetlab/shared/domain';
import { HostEntity } from '../hosts/host.entity.js';

/** A host's membership of an experiment; `experiment_id` is the distribution column. */
@Entity({ name: 'enrollment' })
@Index('enrollment_host_id_idx', ['hostId'])
@Index('enrollment_arm_id_idx', ['armId'])
@Index('enrollment_history_pending_idx', ['experimentId', 'hostId'], {
  where: 'NOT history_folded',
})
@Index('enrollment_tally_pending_idx', ['experimentId', 'hostId'], { where: 'tally_pending' })
@Check('enrollment_status_check', `"status" IN ('OPTED_IN', 'OPTED_OUT')`)
export class EnrollmentEntity {
  @PrimaryColumn({ name: 'experiment_id', type: 'uuid' })
  experimentId: string;

  @PrimaryColumn({ name: 'host_id', type: 'uuid' })
  hostId: string;

  @ManyToOne(() => ExperimentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'experiment_id' })
  experiment?: Relation<ExperimentEntity>;

  @ManyToOne(() => HostEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'host_id' })
  host?: Relation<HostEntity>;

  /** Fixed at the first opt-in: later weight changes never move the host. */
  @Column({ name: 'arm_id', type: 'uuid' })
  armId: string;

  @ManyToOne(() => ArmEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'arm_id' })
  arm?: Relation<ArmEntity>;

  @Column({ type: 'integer' })
  bucket: number;

  @Column({ type: 'text' })
  status: EnrollmentStatus;

  @Column({ name: 'opted_in_at', type: 'timestamptz' })
  optedInAt: Date;

  /** The first opt-in: samples before it form the host's pre-enrollment period. */
  @Column({ name: 'first_opted_in_at', type: 'timestamptz' })
  firstOptedInAt: Date;

  @Column({ name: 'opted_out_at', type: 'timestamptz', nullable: true })
  optedOutAt: Date | null;

  @Column({ name: 'opt_out_reason', type: 'text', nullable: true })
  optOutReason: string | null;

  // What the folder keeps up to date (server/src/folding/): see the fold-queue migration.

  /** False until the folder has folded the host's earlier samples (its pre-period). */
  @Column({ name: 'history_folded', type: 'boolean', default: false })
  historyFolded: boolean;

  /** True while the status or the host's facts changed since the folder last tallied it. */
  @Column({ name: 'tally_pending', type: 'boolean', default: true })
  tallyPending: boolean;

  @Column({ name: 'tally_status', type: 'text', nullable: true })
  tallyStatus: string | null;

  @Column({ name: 'tally_root_fs_type', type: 'text', nullable: true })
  tallyRootFsType: string | null;

  @Column({ name: 'tally_arch', type: 'text', nullable: true })
  tallyArch: string | null;

  @Column({ name: 'tally_exposure', type: 'text', nullable: true })
  tallyExposure: string | null;

  @Column({ name: 'tally_contaminated', type: 'boolean', nullable: true })
  tallyContaminated: boolean | null;
}
