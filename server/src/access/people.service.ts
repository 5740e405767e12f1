import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { badInput, conflict, isUniqueViolation, notFound } from '../common/graphql-errors.js';
import { hashSecretToken, newSecretToken } from '../common/secret-token.js';
import { isUuid } from '../common/uuid.js';
import { retryingTransaction } from '../database/retrying-transaction.js';
import { ApiTokenEntity } from './api-token.entity.js';
import { PersonEntity } from './person.entity.js';
import { ROLES, type Principal, type Role } from './roles.js';

const PERSON_NAME = /^[A-Za-z0-9._@-]{1,100}$/;
/** How long a dashboard sign-in lasts. */
export const SESSION_HOURS = 12;

type Person = Extract<Principal, { kind: 'PERSON' }>;

/** People, their roles and tokens. */
@Injectable()
export class PeopleService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(): Promise<PersonEntity[]> {
    return this.dataSource.getRepository(PersonEntity).find({ order: { name: 'ASC' } });
  }

  async create(name: string, role: Role): Promise<PersonEntity> {
    const trimmed = name.trim();
    if (!PERSON_NAME.test(trimmed))
      throw badInput(
        `input.name must be 1 to 100 letters, digits, dots, hyphens, underscores or @, got ${JSON.stringify(name.slice(0, 120))}`,
        { field: 'input.name' },
      );
    assertRole(role);
    try {
      return await retryingTransaction(this.dataSource, (manager) =>
        manager.save(PersonEntity, { name: trimmed, role, oidcSubject: null }),
      );
    } catch (error) {
      if (isUniqueViolation(error))
        throw conflict(`A person named "${trimmed}" already exists.`, { field: 'input.name' });
      throw error;
    }
  }

  async setRole(name: string, role: Role, by: Person): Promise<PersonEntity> {
    assertRole(role);
    return retryingTransaction(this.dataSource, async (manager) => {
      const person = await this.byName(name, manager);
      if (person.id === by.id && role !== 'ADMIN')
        throw badInput('An admin may not take away their own admin role; ask another admin.', {
          field: 'role',
        });
      person.role = role;
      return manager.save(person);
    });
  }

  async nameTaken(name: string): Promise<boolean> {
    return this.dataSource.getRepository(PersonEntity).existsBy({ name });
  }

  byId(id: string): Promise<PersonEntity | null> {
    return this.dataSource.getRepository(PersonEntity).findOneBy({ id });
  }

  async byName(
    name: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PersonEntity> {
    const person = await manager.findOneBy(PersonEntity, { name: name.trim() });
    if (!person)
      throw notFound(`No person is named "${name.trim()}"; createPerson adds one.`, {
        field: 'person',
      });
    return person;
  }

  tokens(): Promise<ApiTokenEntity[]> {
    return this.dataSource.getRepository(ApiTokenEntity).find({
      where: { kind: 'API' },
      relations: { person: true },
      order: { createdAt: 'DESC' },
    });
  }

  /** A new API token for a person; the token is returned once, only its hash is kept. */
  async createToken(input: {
    person: string;
    name: string;
    expiresAt?: Date | null;
  }): Promise<{ entity: ApiTokenEntity; token: string }> {
    const name = input.name.trim();
    if (name.length === 0 || name.length > 200)
      throw badInput('input.name must say what the token is for, in 1 to 200 characters', {
        field: 'input.name',
      });
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now())
      throw badInput(
        'input.expiresAt is in the past; give a moment to come, or none for no expiry',
        {
          field: 'input.expiresAt',
        },
      );
    const token = newSecretToken('flp');
    const entity = await retryingTransaction(this.dataSource, async (manager) =>
      this.insertToken(
        manager,
        await this.byName(input.person, manager),
        name,
        'API',
        token,
        input.expiresAt ?? null,
      ),
    );
    return { entity, token };
  }

  /**
   * A dashboard session for `person`, as a token for the sign-in cookie; made with
   * the API token `sourceTokenId` (and ended with it), or by OIDC (null).
   */
  async createSession(
    personId: string,
    how: string,
    sourceTokenId: string | null,
  ): Promise<string> {
    const person = await this.dataSource
      .getRepository(PersonEntity)
      .findOneByOrFail({ id: personId });
    const token = newSecretToken('fls');
    const expires = new Date(Date.now() + SESSION_HOURS * 3_600_000);
    await this.insertToken(
      this.dataSource.manager,
      person,
      how,
      'SESSION',
      token,
      expires,
      sourceTokenId,
    );
    return token;
  }

  /** Ends every dashboard session of a person at once (say, after their OIDC access was removed). */
  async endSessionsOf(name: string): Promise<number> {
    return retryingTransaction(this.dataSource, async (manager) => {
      const person = await this.byName(name, manager);
      const [, ended] = await manager.query<[unknown, number]>(
        `UPDATE api_token SET revoked_at = now() WHERE person_id = $1 AND kind = 'SESSION' AND revoked_at IS NULL`,
        [person.id],
      );
      return ended;
    });
  }

  /** Ends a session at once (sign-out); unknown tokens are ignored. */
  async endSession(token: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE api_token SET revoked_at = now() WHERE token_hash = $1 AND kind = 'SESSION' AND revoked_at IS NULL`,
      [hashSecretToken(token)],
    );
  }

  /** Revokes an API token at once; the next request with it is refused. */
  async revokeToken(id: string): Promise<ApiTokenEntity> {
    if (!isUuid(id))
      throw badInput(
        `id must be an API token id (a UUID), got ${JSON.stringify(id.slice(0, 80))}`,
        { field: 'id' },
      );
    return retryingTransaction(this.dataSource, async (manager) => {
      const token = await manager.findOne(ApiTokenEntity, {
        where: { id, kind: 'API' },
        relations: { person: true },
      });
      if (!token) throw notFound(`No API token has id ${id}.`, { field: 'id' });
      // The dashboard sessions signed in with it end with it.
      await manager.query(
        `UPDATE api_token SET revoked_at = now() WHERE (id = $1 OR source_token_id = $1) AND revoked_at IS NULL`,
        [id],
      );
      token.revokedAt ??= new Date();
      return token;
    });
  }

  private async insertToken(
    manager: EntityManager,
    person: PersonEntity,
    name: string,
    kind: 'API' | 'SESSION',
    token: string,
    expiresAt: Date | null,
    sourceTokenId: string | null = null,
  ): Promise<ApiTokenEntity> {
    const saved = await manager.save(ApiTokenEntity, {
      personId: person.id,
      name,
      kind,
      tokenHash: hashSecretToken(token),
      expiresAt,
      lastUsedAt: null,
      revokedAt: null,
      sourceTokenId,
    });
    return { ...saved, person };
  }
}

function assertRole(role: string): asserts role is Role {
  if (!(ROLES as readonly string[]).includes(role))
    throw badInput(`role must be one of ${ROLES.join(', ')}, got ${JSON.stringify(role)}`, {
      field: 'role',
    });
}
