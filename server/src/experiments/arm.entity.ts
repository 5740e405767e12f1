import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import type { ExperimentEntity } from './experiment.entity.js';

@Entity({ name: 'arm' })
@Index('arm_experiment_key_uq', ['experimentId', 'key'], { unique: true })
// At most one baseline per experiment, whatever the application does.
@Index('arm_one_baseline_uq', ['experimentId'], { unique: true, where: '"baseline"' })
@Check('arm_weight_check', `"weight" > 0`)
export class ArmEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'experiment_id', type: 'uuid' })
  experimentId: string;

  // Named, not imported: the experiment imports its arms, and an import back would
  // make the two modules a cycle (TypeORM finds the entity by its class name).
  @ManyToOne('ExperimentEntity', (experiment: ExperimentEntity) => experiment.arms, {
    onDelete: 'CASCADE',
  })
  @JoinColumn({ name: 'experiment_id' })
  experiment?: Relation<ExperimentEntity>;

  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'text', nullable: true })
  name: string | null;

  @Column({ type: 'integer' })
  weight: number;

  @Column({ type: 'boolean' })
  baseline: boolean;

  /** name-version-release of the packages that make this arm's stack. */
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  packages: string[];

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  repos: string[];

  /** Order of the arm in the definition; bucket ranges follow it. */
  @Column({ type: 'integer' })
  position: number;
}
