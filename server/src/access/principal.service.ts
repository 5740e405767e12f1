import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { GraphQLError } from 'graphql';
import { DataSource } from 'typeorm';
import { unauthenticated } from '../common/graphql-errors.js';
import { hashSecretToken } from '../common/secret-token.js';
import { AppConfig } from '../config/app-config.js';
import { preparedQuery } from '../database/prepared-query.js';
import { cookieValue } from './cookies.js';
import type { Principal, Role } from './roles.js';

/** What of a request says who sent it (an HTTP request, or a WebSocket's connection). */
export interface Credentials {
  headers: {
    authorization?: string | string[];
    cookie?: string | string[];
    'user-agent'?: string;
  };
  /** The sender's address (Express's req.ip). */
  ip?: string;
  /** The HTTP path, for routes. */
  path?: string;
  fleetlabPrincipal?: Principal;
  /**
   * Set when a sign-in cookie named no session (made up, ended or expired): the
   * request goes on as one without credentials, and counts as one that sent bad ones.
   */
  fleetlabCredentialsRefused?: boolean;
}

/** The dashboard's sign-in cookie; it holds a session token (`fls_...`). */
export const SESSION_COOKIE = 'fleetlab_session';
/** The person every token-less request is in local mode. */
export const LOCAL_ADMIN = 'local-admin';
const BOOTSTRAP_TOKEN_NAME = 'FLEETLAB_ADMIN_TOKEN';

const HOW = 'send a token as `Authorization: Bearer <token>`';

/**
 * Finds who sends a request: a host (`flh_` token), a person (`flp_` API token or
 * `fls_` session, in the header or the sign-in cookie), the local admin in local
 * mode, or no one. A token that is unknown, revoked or expired is refused outright
 * rather than treated as no token, so a client learns at once that it must renew it.
 */
@Injectable()
export class PrincipalService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Access');
  private localAdmin: Principal | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.authMode === 'local') {
      const person = await this.ensurePerson(LOCAL_ADMIN, 'ADMIN');
      this.localAdmin = {
        kind: 'PERSON',
        id: person.id,
        name: LOCAL_ADMIN,
        role: 'ADMIN',
        local: true,
      };
      this.logger.warn(
        'Local mode: no sign-in, every visitor is an admin. Set FLEETLAB_AUTH=tokens and FLEETLAB_ADMIN_TOKEN for anything shared.',
      );
    }
    if (this.config.FLEETLAB_ADMIN_TOKEN)
      await this.storeBootstrapToken(this.config.FLEETLAB_ADMIN_TOKEN);
  }

  /** The principal of a request, looked up once and kept on it. */
  async of(credentials: Credentials): Promise<Principal> {
    credentials.fleetlabPrincipal ??= await this.lookUp(credentials);
    return credentials.fleetlabPrincipal;
  }

  /**
   * Asks again who the credentials belong to, ignoring what was found before: a
   * long-lived WebSocket must stop when its token is revoked.
   */
  async recheck(credentials: Credentials): Promise<Principal> {
    credentials.fleetlabPrincipal = await this.lookUp(credentials);
    return credentials.fleetlabPrincipal;
  }

  private async lookUp(credentials: Credentials): Promise<Principal> {
    const nobody: Principal = this.localAdmin ?? { kind: 'ANONYMOUS' };
    const token = bearerToken(credentials.headers.authorization);
    if (token === undefined) {
      const session = cookieValue(credentials.headers.cookie, SESSION_COOKIE);
      if (session === undefined) return nobody;
      // An ended or expired sign-in is no sign-in: the dashboard shows its sign-in page.
      return this.person(session).catch((error: unknown) => {
        if ((error as GraphQLError).extensions?.code !== 'UNAUTHENTICATED') throw error;
        credentials.fleetlabCredentialsRefused = true;
        return nobody;
      });
    }
    if (token.startsWith('flh_')) return this.host(token);
    if (token.startsWith('flp_') || token.startsWith('fls_')) return this.person(token);
    throw unauthenticated(`The token is not a Fleetlab token (flh_, flp_ or fls_ ...): ${HOW}.`, {
      reason: 'MALFORMED_TOKEN',
    });
  }

  private async host(token: string): Promise<Principal> {
    // Named: hosts call often, so each connection plans these two once.
    const [row] = await preparedQuery<{
      host_id: string;
      hostname: string | null;
      revoked_at: Date | null;
      host_revoked_at: Date | null;
    }>(
      this.dataSource,
      'host-token',
      `SELECT t.host_id, h.hostname, t.revoked_at, h.revoked_at AS host_revoked_at
         FROM host_token t JOIN host h ON h.id = t.host_id WHERE t.token_hash = $1`,
      [hashSecretToken(token)],
    );
    if (!row)
      throw unauthenticated(
        'The host token is not recognised; enroll the host again (`fleetlab-agent enroll`).',
        { reason: 'UNKNOWN_TOKEN' },
      );
    if (row.host_revoked_at)
      throw unauthenticated(
        'This host was revoked by an admin; it may not report or enroll again until an admin allows it (allowHostEnrollment).',
        { reason: 'REVOKED_HOST' },
      );
    if (row.revoked_at)
      throw unauthenticated(
        'The host token was revoked (the host enrolled again); use the newest token or enroll again.',
        { reason: 'REVOKED_TOKEN' },
      );
    // At most one write a minute per host, however often it calls.
    await preparedQuery(
      this.dataSource,
      'host-seen',
      `UPDATE host SET last_seen_at = now() WHERE id = $1 AND last_seen_at < now() - interval '1 minute'`,
      [row.host_id],
    );
    return { kind: 'HOST', id: row.host_id, name: row.hostname };
  }

  private async person(token: string): Promise<Principal> {
    const [row] = await this.dataSource.query<
      {
        token_id: string;
        person_id: string;
        name: string;
        role: Role;
        revoked_at: Date | null;
        expired: boolean;
      }[]
    >(
      `SELECT t.id AS token_id, p.id AS person_id, p.name, p.role, t.revoked_at,
              coalesce(t.expires_at <= now(), false) AS expired
         FROM api_token t JOIN person p ON p.id = t.person_id WHERE t.token_hash = $1`,
      [hashSecretToken(token)],
    );
    if (!row)
      throw unauthenticated(
        `The API token is not recognised; ask an admin for a new one and ${HOW}.`,
        {
          reason: 'UNKNOWN_TOKEN',
        },
      );
    if (row.revoked_at)
      throw unauthenticated('The API token was revoked; ask an admin for a new one.', {
        reason: 'REVOKED_TOKEN',
      });
    if (row.expired)
      throw unauthenticated('The token has expired; sign in again or ask an admin for a new one.', {
        reason: 'EXPIRED_TOKEN',
      });
    await this.dataSource.query(
      `UPDATE api_token SET last_used_at = now()
        WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [row.token_id],
    );
    return {
      kind: 'PERSON',
      id: row.person_id,
      name: row.name,
      role: row.role,
      local: false,
      tokenId: row.token_id,
    };
  }

  /** The person called `name`, created with `role` if there is none. */
  private async ensurePerson(name: string, role: Role): Promise<{ id: string }> {
    const [row] = await this.dataSource.query<{ id: string }[]>(
      `INSERT INTO person (name, role) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET role = EXCLUDED.role WHERE person.oidc_subject IS NULL
       RETURNING id`,
      [name, role],
    );
    // OIDC sign-ins never take these names (oidc-roles.ts), so only an old database can get here.
    if (!row)
      throw new Error(`The person "${name}" signs in with OIDC; rename them before starting.`);
    return row;
  }

  /** FLEETLAB_ADMIN_TOKEN becomes the `admin` person's token; an earlier one stops working. */
  private async storeBootstrapToken(token: string): Promise<void> {
    const person = await this.ensurePerson('admin', 'ADMIN');
    const hash = hashSecretToken(token);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE api_token SET revoked_at = now()
          WHERE person_id = $1 AND name = $2 AND token_hash <> $3 AND revoked_at IS NULL`,
        [person.id, BOOTSTRAP_TOKEN_NAME, hash],
      );
      await manager.query(
        `INSERT INTO api_token (person_id, name, kind, token_hash) VALUES ($1, $2, 'API', $3)
         ON CONFLICT (token_hash) DO NOTHING`,
        [person.id, BOOTSTRAP_TOKEN_NAME, hash],
      );
    });
  }
}

function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(value.trim());
  if (!match)
    throw unauthenticated(`The Authorization header is malformed: ${HOW}.`, {
      reason: 'MALFORMED_TOKEN',
    });
  return match[1]!;
}
