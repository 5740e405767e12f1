import { Column, Entity, Generated, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { HostFacts } from '@fleetlab/shared';

// Indexes on single facts, written by hand in the host-fact-indexes migration.
@Index('host_root_fs_type_idx', { synchronize: false })
@Index('host_arch_idx', { synchronize: false })
@Index('host_region_idx', { synchronize: false })
@Index('host_os_id_idx', { synchronize: false })
@Entity({ name: 'host' })
export class HostEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Enrolment order; the stable sort key behind cursor pagination. */
  @Column({ type: 'bigint', unique: true })
  @Generated('increment')
  seq: string;

  @Column({ name: 'machine_id_hash', type: 'text', unique: true })
  machineIdHash: string;

  @Column({ type: 'text', nullable: true })
  hostname: string | null;

  // A GIN index written by hand in the migration; TypeORM cannot declare it.
  @Index('host_facts_gin_idx', { synchronize: false })
  @Column({ type: 'jsonb', default: () => `'{}'` })
  facts: HostFacts;

  @Column({ name: 'enroll_secret_id', type: 'uuid', nullable: true })
  enrollSecretId: string | null;

  @Column({ name: 'enrolled_at', type: 'timestamptz' })
  enrolledAt: Date;

  @Column({ name: 'facts_updated_at', type: 'timestamptz' })
  factsUpdatedAt: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt: Date;

  /** Set by revokeHost: its tokens stop working and the machine may not enroll again. */
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revoked_reason', type: 'text', nullable: true })
  revokedReason: string | null;
}
