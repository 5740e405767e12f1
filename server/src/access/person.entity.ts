import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from './roles.js';

/** Someone who reads or decides: signs in with an API token or OIDC. */
@Entity({ name: 'person' })
@Check('person_role_check', `"role" IN ('VIEWER', 'OWNER', 'ADMIN')`)
export class PersonEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** A login-like name, unique: `alice`, or the OIDC `preferred_username`. */
  @Column({ type: 'text', unique: true })
  name: string;

  @Column({ type: 'text' })
  role: Role;

  /** `issuer|sub` of the OIDC identity that signs in as this person. */
  @Column({ name: 'oidc_subject', type: 'text', nullable: true, unique: true })
  oidcSubject: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
