import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { unauthenticated } from '../common/graphql-errors.js';
import { hashSecretToken } from '../common/secret-token.js';

export interface AuthenticatedHost {
  id: string;
}

const HOW = 'send the host token from `fleetlab-agent enroll` as `Authorization: Bearer <token>`';

@Injectable()
export class HostAuthService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The host behind an Authorization header, or UNAUTHENTICATED saying what is wrong. */
  async authenticate(authorization: string | undefined): Promise<AuthenticatedHost> {
    if (!authorization)
      throw unauthenticated(`This operation needs a host token: ${HOW}.`, {
        reason: 'MISSING_TOKEN',
      });
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match)
      throw unauthenticated(`The Authorization header is malformed: ${HOW}.`, {
        reason: 'MALFORMED_TOKEN',
      });
    const [row] = await this.dataSource.query<{ host_id: string; revoked_at: Date | null }[]>(
      'SELECT host_id, revoked_at FROM host_token WHERE token_hash = $1',
      [hashSecretToken(match[1]!)],
    );
    if (!row)
      throw unauthenticated(
        'The host token is not recognised; enroll the host again (`fleetlab-agent enroll`).',
        { reason: 'UNKNOWN_TOKEN' },
      );
    if (row.revoked_at) {
      throw unauthenticated(
        'The host token was revoked (the host enrolled again or was revoked); use the newest token or enroll again.',
        { reason: 'REVOKED_TOKEN' },
      );
    }
    // At most one write a minute per host, however often it calls.
    await this.dataSource.query(
      `UPDATE host SET last_seen_at = now() WHERE id = $1 AND last_seen_at < now() - interval '1 minute'`,
      [row.host_id],
    );
    return { id: row.host_id };
  }
}
