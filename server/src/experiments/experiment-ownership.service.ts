import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../access/roles.js';
import { forbidden } from '../common/graphql-errors.js';
import { mayChangeExperiment } from './experiment-ownership.js';

type Person = Extract<Principal, { kind: 'PERSON' }>;

/**
 * Who may change an experiment (start, pause, conclude, re-weigh it, opt hosts in
 * or out): its owner or an admin. The access guard has checked the role before.
 */
@Injectable()
export class ExperimentOwnership {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Whoever asks may change an experiment owned by `ownerId`. */
  mayChange(principal: Principal, ownerId: string | null): boolean {
    return principal.kind === 'PERSON' && mayChangeExperiment(principal, ownerId);
  }

  /**
   * Refuses unless `person` may change the experiment `slug`. An unknown slug
   * passes: the operation answers NOT_FOUND itself.
   */
  async assertMayChange(person: Person, slug: string): Promise<void> {
    if (person.role === 'ADMIN') return;
    const [row] = await this.dataSource.query<{ owner_id: string | null; owner: string | null }[]>(
      `SELECT x.owner_id, p.name AS owner FROM experiment x LEFT JOIN person p ON p.id = x.owner_id WHERE x.slug = $1`,
      [slug],
    );
    if (!row || mayChangeExperiment(person, row.owner_id)) return;
    throw forbidden(
      `Only the experiment's owner (${row.owner ?? 'none'}) or an admin may change "${slug}"; ${person.name} is ${person.role}.`,
      { reason: 'NOT_OWNER', accessRule: 'OWNER' },
    );
  }
}
