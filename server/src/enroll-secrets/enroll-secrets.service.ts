import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type EntityManager, type Repository } from 'typeorm';
import { badInput, notFound, unauthenticated } from '../common/graphql-errors.js';
import { hashSecretToken, newSecretToken } from '../common/secret-token.js';
import { isUuid } from '../common/uuid.js';
import { retryingTransaction } from '../database/retrying-transaction.js';
import { HostEntity } from '../hosts/host.entity.js';
import type { CreateEnrollSecretInput } from './dto/create-enroll-secret.input.js';
import { EnrollSecretEntity } from './enroll-secret.entity.js';
import type { EnrollSecret } from './enroll-secret.model.js';

@Injectable()
export class EnrollSecretsService {
  constructor(
    @InjectRepository(EnrollSecretEntity) private readonly secrets: Repository<EnrollSecretEntity>,
  ) {}

  list(): Promise<EnrollSecretEntity[]> {
    return this.secrets.find({ order: { createdAt: 'DESC' } });
  }

  async create(
    input: CreateEnrollSecretInput,
    now = new Date(),
  ): Promise<{ entity: EnrollSecretEntity; secret: string }> {
    const name = input.name.trim();
    if (name.length === 0 || name.length > 200) {
      throw badInput('name of the enroll secret must be 1 to 200 characters', { field: 'name' });
    }
    if (input.expiresAt && input.expiresAt.getTime() <= now.getTime()) {
      throw badInput(`expiresAt must be in the future, got ${input.expiresAt.toISOString()}`, {
        field: 'expiresAt',
      });
    }
    const hostId = input.hostId ?? null;
    if (hostId !== null) {
      if (input.singleUse === false) {
        throw badInput(
          'A secret for one host (hostId) is single-use; leave singleUse out or true.',
          {
            field: 'singleUse',
          },
        );
      }
      const host = isUuid(hostId)
        ? await this.secrets.manager.findOneBy(HostEntity, { id: hostId })
        : null;
      if (!host) throw badInput(`No host with id "${hostId}".`, { field: 'hostId' });
    }
    const secret = newSecretToken('fle');
    const entity = await retryingTransaction(this.secrets.manager.connection, (manager) =>
      manager.save(
        manager.create(EnrollSecretEntity, {
          name,
          secretHash: hashSecretToken(secret),
          expiresAt: input.expiresAt ?? null,
          singleUse: hostId !== null || (input.singleUse ?? false),
          hostId,
        }),
      ),
    );
    return { entity, secret };
  }

  async revoke(id: string): Promise<EnrollSecretEntity> {
    return retryingTransaction(this.secrets.manager.connection, async (manager) => {
      const secret = isUuid(id) ? await manager.findOneBy(EnrollSecretEntity, { id }) : null;
      if (!secret) throw notFound(`No enroll secret with id "${id}".`);
      if (!secret.revokedAt) {
        secret.revokedAt = new Date();
        await manager.save(secret);
      }
      return secret;
    });
  }

  /**
   * Checks a presented secret inside the enrolment transaction and uses it up if
   * it is single-use, so that two hosts cannot both enroll with it. Only the first
   * use of a secret writes to its row: thousands of hosts enrolling with one shared
   * secret do not queue on a row lock.
   */
  async consume(
    manager: EntityManager,
    secret: string,
    now = new Date(),
  ): Promise<EnrollSecretEntity> {
    const found = await manager.findOne(EnrollSecretEntity, {
      where: { secretHash: hashSecretToken(secret) },
    });
    const ask = 'ask an operator for a current one (createEnrollSecret).';
    if (!found)
      throw unauthenticated(`The enroll secret is not recognised; ${ask}`, {
        reason: 'UNKNOWN_SECRET',
      });
    if (found.revokedAt)
      throw unauthenticated(`The enroll secret "${found.name}" was revoked; ${ask}`, {
        reason: 'REVOKED_SECRET',
      });
    if (found.expiresAt && found.expiresAt.getTime() <= now.getTime()) {
      throw unauthenticated(
        `The enroll secret "${found.name}" expired at ${found.expiresAt.toISOString()}; ${ask}`,
        { reason: 'EXPIRED_SECRET' },
      );
    }
    const used = (): Error =>
      unauthenticated(`The single-use enroll secret "${found.name}" was already used; ${ask}`, {
        reason: 'USED_SECRET',
      });
    if (found.singleUse && found.usedAt) throw used();
    if (!found.usedAt) {
      // A concurrent first use waits here for the other transaction, then sees used_at set.
      const claimed = await manager.update(
        EnrollSecretEntity,
        { id: found.id, usedAt: IsNull() },
        { usedAt: now },
      );
      if (found.singleUse && claimed.affected === 0) throw used();
    }
    return found;
  }
}

export function presentEnrollSecret(entity: EnrollSecretEntity, now = new Date()): EnrollSecret {
  const expired = entity.expiresAt !== null && entity.expiresAt.getTime() <= now.getTime();
  const usedUp = entity.singleUse && entity.usedAt !== null;
  return { ...entity, active: !entity.revokedAt && !expired && !usedUp };
}
