import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { PersonEntity } from './person.entity.js';

/**
 * A person's bearer token: an API token an admin created (`API`), or the session a
 * dashboard sign-in made (`SESSION`, with an expiry). Only its SHA-256 is stored.
 */
@Entity({ name: 'api_token' })
@Check('api_token_kind_check', `"kind" IN ('API', 'SESSION')`)
export class ApiTokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('api_token_person_id_idx')
  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: Relation<PersonEntity>;

  /** What it is for: `ci-export`, `alice laptop`. */
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: 'API' })
  kind: 'API' | 'SESSION';

  @Column({ name: 'token_hash', type: 'text', unique: true })
  tokenHash: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /** For a session: the API token it was signed in with; revoking that token ends it too. */
  @Column({ name: 'source_token_id', type: 'uuid', nullable: true })
  sourceTokenId: string | null;
}
