import {
  Check,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import type { ExperimentEntity } from './experiment.entity.js';

@Entity({ name: 'experiment_metric' })
@Check('experiment_metric_role_check', `"role" IN ('PRIMARY', 'GUARDRAIL')`)
export class ExperimentMetricEntity {
  @PrimaryColumn({ name: 'experiment_id', type: 'uuid' })
  experimentId: string;

  @PrimaryColumn({ type: 'text' })
  metric: string;

  // Named, not imported: the experiment imports its metrics, and an import back would
  // make the two modules a cycle (TypeORM finds the entity by its class name).
  @ManyToOne('ExperimentEntity', (experiment: ExperimentEntity) => experiment.metrics, {
    onDelete: 'CASCADE',
  })
  @JoinColumn({ name: 'experiment_id' })
  experiment?: Relation<ExperimentEntity>;

  @Column({ type: 'text' })
  role: 'PRIMARY' | 'GUARDRAIL';

  /** Relative non-inferiority margin: 0.02 means a 2% degradation is tolerated. */
  @Column({ type: 'double precision', nullable: true })
  margin: number | null;

  @Column({ type: 'integer' })
  position: number;
}
