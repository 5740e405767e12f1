import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import { targetingRuleProblem, validateHostFacts, type Problem } from '@fleetlab/shared';
import type { GraphQLError } from 'graphql';
import { assertNoProblems, badInput, forbidden, notFound } from '../common/graphql-errors.js';
import { hashSecretToken, newSecretToken } from '../common/secret-token.js';
import { isUuid } from '../common/uuid.js';
import type { EnrollSecretEntity } from '../enroll-secrets/enroll-secret.entity.js';
import { EnrollSecretsService } from '../enroll-secrets/enroll-secrets.service.js';
import { ArmEntity } from '../experiments/arm.entity.js';
import { ExperimentsService } from '../experiments/experiments.service.js';
import type { EnrollHostInput } from './dto/enroll-host.input.js';
import { EnrollmentFilter, type HostFilterInput } from './dto/host-filter.input.js';
import { factRuleSql, SqlParams } from './host-filter.sql.js';
import { HostTokenEntity } from './host-token.entity.js';
import { HostEntity } from './host.entity.js';
import type { HostConnection } from './host.model.js';
import { retryingTransaction } from '../database/retrying-transaction.js';

const MACHINE_ID_HASH = /^[0-9a-f]{32,128}$/;
export const MAX_PAGE_SIZE = 500;
const DEFAULT_PAGE_SIZE = 50;
/** Operator actions on a selector touch at most this many hosts at once. */
export const MAX_SELECTED_HOSTS = 50_000;

@Injectable()
export class HostsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly enrollSecrets: EnrollSecretsService,
    private readonly experiments: ExperimentsService,
  ) {}

  /**
   * Enrolls a machine with an enroll secret and issues a new host token. A machine
   * that enrolls again keeps its host (and so its arms) and its older tokens stop working.
   */
  async enroll(
    input: EnrollHostInput,
    callerHostId: string | null = null,
  ): Promise<{ host: HostEntity; token: string }> {
    const machineIdHash = input.machineIdHash.trim().toLowerCase();
    const problems: Problem[] = [];
    if (!MACHINE_ID_HASH.test(machineIdHash)) {
      problems.push({
        field: 'machineIdHash',
        message: `machineIdHash must be a hex digest of /etc/machine-id (32 to 128 hex digits, e.g. its SHA-256), got "${input.machineIdHash.slice(0, 140)}"`,
      });
    }
    const hostname = input.hostname?.trim() || null;
    if (hostname !== null && !/^[A-Za-z0-9._-]{1,253}$/.test(hostname)) {
      problems.push({
        field: 'hostname',
        message: 'hostname must be 1 to 253 letters, digits, dots, hyphens or underscores',
      });
    }
    const { facts, problems: factProblems } = validateHostFacts(input.facts);
    assertNoProblems([...problems, ...factProblems], 'input.');

    const token = newSecretToken('flh');
    const host = await retryingTransaction(this.dataSource, async (manager) => {
      const secret = await this.enrollSecrets.consume(manager, input.enrollSecret);
      if (secret.hostId) await assertSecretFitsMachine(manager, secret, machineIdHash);
      // A known machine enrolls again only with proof that it is that host: its
      // current token, or a secret made for that very host.
      const [row] = await manager.query<{ id: string }[]>(
        `INSERT INTO host (machine_id_hash, hostname, facts, enroll_secret_id, enrolled_at, facts_updated_at, last_seen_at)
         VALUES ($1, $2, $3, $4, now(), now(), now())
         ON CONFLICT (machine_id_hash) DO UPDATE
           SET hostname = EXCLUDED.hostname, facts = EXCLUDED.facts, enroll_secret_id = EXCLUDED.enroll_secret_id,
               facts_updated_at = now(), last_seen_at = now()
           WHERE host.revoked_at IS NULL AND (host.id = $5 OR host.id = $6)
         RETURNING id`,
        [machineIdHash, hostname, JSON.stringify(facts), secret.id, callerHostId, secret.hostId],
      );
      // No row: the machine is known, and revoked or not proven to be itself. Throwing
      // rolls the secret's use back.
      if (!row) {
        const known = await manager.findOneByOrFail(HostEntity, { machineIdHash });
        throw known.revokedAt ? revokedMachine(known) : alreadyEnrolled(known);
      }
      const hostId = row.id;
      await manager.update(
        HostTokenEntity,
        { hostId, revokedAt: IsNull() },
        { revokedAt: new Date() },
      );
      await manager.insert(HostTokenEntity, { hostId, tokenHash: hashSecretToken(token) });
      await markForTally(manager, hostId);
      return manager.findOneByOrFail(HostEntity, { id: hostId });
    });
    return { host, token };
  }

  /**
   * Revokes a host at once: its tokens stop working, and its machine may not enroll
   * again (with any secret) until an admin allows it. Its past samples stay.
   */
  async revoke(id: string, reason: string | null | undefined): Promise<HostEntity> {
    return retryingTransaction(this.dataSource, async (manager) => {
      const host = await this.byId(id, manager);
      if (!host.revokedAt) {
        await manager.update(
          HostEntity,
          { id: host.id },
          {
            revokedAt: new Date(),
            revokedReason: reason?.trim().slice(0, 500) || null,
          },
        );
      }
      await manager.update(
        HostTokenEntity,
        { hostId: host.id, revokedAt: IsNull() },
        { revokedAt: new Date() },
      );
      return this.byId(host.id, manager);
    });
  }

  /** Lets a revoked host's machine enroll again; its old tokens stay revoked. */
  async allowEnrollment(id: string): Promise<HostEntity> {
    return retryingTransaction(this.dataSource, async (manager) => {
      const host = await this.byId(id, manager);
      await manager.update(HostEntity, { id: host.id }, { revokedAt: null, revokedReason: null });
      return this.byId(host.id, manager);
    });
  }

  async reportFacts(hostId: string, input: unknown): Promise<HostEntity> {
    const { facts, problems } = validateHostFacts(input);
    assertNoProblems(problems);
    await retryingTransaction(this.dataSource, async (manager) => {
      await manager.update(HostEntity, hostId, {
        facts,
        factsUpdatedAt: new Date(),
        lastSeenAt: new Date(),
      });
      await markForTally(manager, hostId);
    });
    return this.byId(hostId);
  }

  async byId(id: string, manager: EntityManager = this.dataSource.manager): Promise<HostEntity> {
    const host = isUuid(id) ? await manager.findOneBy(HostEntity, { id }) : null;
    if (!host) throw notFound(`No host with id "${id}".`);
    return host;
  }

  async list(
    filter: HostFilterInput | null | undefined,
    first?: number | null,
    after?: string | null,
  ): Promise<HostConnection> {
    const pageSize = first ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw badInput(`first must be between 1 and ${MAX_PAGE_SIZE}, got ${pageSize}`, {
        field: 'first',
      });
    }
    const params = new SqlParams();
    const conditions = await this.filterConditions(filter, params);
    const [{ n }] = await this.dataSource.query<[{ n: number }]>(
      `SELECT count(*)::int AS n FROM host h ${whereClause(conditions)}`,
      params.values.slice(),
    );
    if (after) conditions.push(`h.seq > ${params.add(decodeCursor(after))}`);
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT h.id FROM host h ${whereClause(conditions)} ORDER BY h.seq LIMIT ${pageSize + 1}`,
      params.values,
    );
    const hosts = await this.byIds(rows.slice(0, pageSize).map((r) => r.id));
    const edges = hosts.map((node) => ({ cursor: encodeCursor(node.seq), node }));
    return {
      edges,
      nodes: hosts,
      pageInfo: { hasNextPage: rows.length > pageSize, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount: n,
    };
  }

  /** Every host a selector matches, for operator actions; refuses selectors that match too many. */
  async select(filter: HostFilterInput): Promise<HostEntity[]> {
    const params = new SqlParams();
    const conditions = await this.filterConditions(filter, params);
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT h.id FROM host h ${whereClause(conditions)} ORDER BY h.seq LIMIT ${MAX_SELECTED_HOSTS + 1}`,
      params.values,
    );
    if (rows.length > MAX_SELECTED_HOSTS) {
      throw badInput(
        `The selector matches more than ${MAX_SELECTED_HOSTS} hosts; narrow it down, or use optInMatching / optOutMatching, which take any number and answer counts.`,
        { field: 'selector' },
      );
    }
    return this.byIds(rows.map((r) => r.id));
  }

  /** Hosts by id, in enrolment order. */
  private byIds(ids: string[]): Promise<HostEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.manager.find(HostEntity, {
      where: { id: In(ids) },
      order: { seq: 'ASC' },
    });
  }

  /** A filter's conditions on `host h`, its values added to `params`; refuses bad filters. */
  async filterConditions(
    filter: HostFilterInput | null | undefined,
    params: SqlParams,
  ): Promise<string[]> {
    if (!filter) return [];
    const conditions: string[] = [];
    const problems: Problem[] = [];
    (filter.facts ?? []).forEach((rule, i) => {
      const problem = targetingRuleProblem(rule, `facts[${i}]`);
      if (problem) problems.push(problem);
    });
    (filter.ids ?? []).forEach((id, i) => {
      if (!isUuid(id))
        problems.push({ field: `ids[${i}]`, message: `"${id}" is not a host id (a UUID)` });
    });
    if ((filter.enrollment || filter.armKey) && !filter.experimentSlug) {
      problems.push({
        field: 'experimentSlug',
        message: 'enrollment and armKey need experimentSlug to say which experiment',
      });
    }
    assertNoProblems(problems, 'filter.');

    for (const rule of filter.facts ?? []) conditions.push(factRuleSql(rule, params));
    if (filter.ids) conditions.push(`h.id = ANY(${params.add(filter.ids)}::uuid[])`);
    if (filter.hostnameContains) {
      const pattern = `%${filter.hostnameContains.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conditions.push(`h.hostname ILIKE ${params.add(pattern)}`);
    }
    if (filter.experimentSlug) {
      const experiment = await this.experiments.bySlug(filter.experimentSlug);
      const enrolled = (status?: string, armId?: string): string =>
        `EXISTS (SELECT 1 FROM enrollment e WHERE e.host_id = h.id AND e.experiment_id = ${params.add(experiment.id)}` +
        (status ? ` AND e.status = ${params.add(status)}` : '') +
        (armId ? ` AND e.arm_id = ${params.add(armId)}` : '') +
        ')';
      if (filter.enrollment === EnrollmentFilter.NOT_ENROLLED) conditions.push(`NOT ${enrolled()}`);
      else if (filter.enrollment) conditions.push(enrolled(filter.enrollment));
      if (filter.armKey) {
        const arm = (experiment.arms ?? []).find((a: ArmEntity) => a.key === filter.armKey);
        if (!arm) {
          throw badInput(
            `Experiment "${experiment.slug}" has no arm "${filter.armKey}"; its arms are ${(experiment.arms ?? []).map((a) => a.key).join(', ')}`,
            {
              field: 'filter.armKey',
            },
          );
        }
        conditions.push(enrolled(undefined, arm.id));
      }
    }
    return conditions;
  }
}

/**
 * A host's facts changed: the folder tallies its enrollments again (exposure, balance
 * and the segments its values count in follow the facts).
 */
async function markForTally(manager: EntityManager, hostId: string): Promise<void> {
  await manager.query(
    `UPDATE enrollment SET tally_pending = true WHERE host_id = $1 AND NOT tally_pending`,
    [hostId],
  );
}

export function whereClause(conditions: string[]): string {
  return conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
}

function encodeCursor(seq: string): string {
  return Buffer.from(`host:${seq}`, 'utf8').toString('base64url');
}

/** The largest host seq: PostgreSQL's bigint. */
const MAX_SEQ = 2n ** 63n - 1n;

function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^host:(\d{1,19})$/.exec(decoded);
  if (!match || BigInt(match[1]!) > MAX_SEQ)
    throw badInput(
      'after is not a cursor from this list; pass pageInfo.endCursor of the previous page',
      { field: 'after' },
    );
  return match[1]!;
}

/**
 * A secret made for one host enrolls that host's machine only; another machine
 * (even a new one) is refused, and the secret stays unused.
 */
async function assertSecretFitsMachine(
  manager: EntityManager,
  secret: EnrollSecretEntity,
  machineIdHash: string,
): Promise<void> {
  const host = await manager.findOneBy(HostEntity, { id: secret.hostId! });
  if (host?.machineIdHash === machineIdHash) return;
  throw forbidden(
    `The enroll secret "${secret.name}" was made for host ${secret.hostId} and enrolls only that machine; ` +
      'this machine id is not its. Ask an admin for a secret for this host (createEnrollSecret with its hostId), or a general one for a new machine.',
    { reason: 'SECRET_FOR_OTHER_HOST' },
  );
}

function revokedMachine(host: HostEntity): GraphQLError {
  return forbidden(
    `This machine (host ${host.id}${host.hostname ? `, ${host.hostname}` : ''}) was revoked on ${host.revokedAt!.toISOString()}` +
      `${host.revokedReason ? ` (${host.revokedReason})` : ''}; it may enroll again only after an admin runs allowHostEnrollment.`,
    { reason: 'HOST_REVOKED', hostId: host.id },
  );
}

/**
 * A machine id is no secret (any host can claim any, and any viewer once could read
 * them), so a machine already enrolled enrolls again only with proof: its current host
 * token, or a secret an admin made for that host. Otherwise whoever holds a secret
 * could take over another host's identity.
 */
function alreadyEnrolled(host: HostEntity): GraphQLError {
  return forbidden(
    `This machine is already enrolled as host ${host.id}${host.hostname ? ` (${host.hostname})` : ''}. ` +
      'To enroll it again, send its current host token as `Authorization: Bearer <token>` ' +
      '(fleetlab-agent enroll does), or use an enroll secret an admin creates for this host (createEnrollSecret with its hostId).',
    { reason: 'MACHINE_ENROLLED', hostId: host.id },
  );
}
