import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { getNamedType, GraphQLError, type GraphQLResolveInfo } from 'graphql';
import { AppConfig } from '../config/app-config.js';
import { ErrorCode, forbidden } from '../common/graphql-errors.js';
import { databaseUnavailable, isDatabaseUnavailable } from '../database/database-unavailable.js';
import { ACCESS_RULE, AUDITED_AS, requestOf, UNLIMITED } from './access.decorator.js';
import { DenialRecorder } from './denial-recorder.js';
import { PrincipalService, SESSION_COOKIE, type Credentials } from './principal.service.js';
import { RateLimiter } from './rate-limiter.js';
import { denialOf, type AccessRule, type Principal } from './roles.js';
import { firstHiddenField } from './outsider-fields.js';

/**
 * Every query, mutation, subscription and route passes here: it finds who sends the
 * request, checks the operation's @Access rule (no rule: refused), and counts the
 * request against the sender's rate limit: per host, per person, and per address for
 * requests without valid credentials (public operations, calls without credentials,
 * and made-up or ended tokens and sign-in cookies). An address over its limit has no
 * credentials looked up at all until it is under again: guessing costs no queries,
 * and a right guess is not told from a wrong one. Field
 * resolvers do not pass here (Nest guards them only when told to): the operation that
 * reached them was checked, and for callers who are not people so was every field it
 * selects (outsider-fields.ts).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly hostLimits: RateLimiter;
  private readonly personLimits: RateLimiter;
  private readonly addressLimits: RateLimiter;

  constructor(
    private readonly reflector: Reflector,
    private readonly principals: PrincipalService,
    private readonly denials: DenialRecorder,
    config: AppConfig,
  ) {
    this.hostLimits = new RateLimiter(config.FLEETLAB_HOST_REQUESTS_PER_MINUTE);
    this.personLimits = new RateLimiter(config.FLEETLAB_PERSON_REQUESTS_PER_MINUTE);
    this.addressLimits = new RateLimiter(config.FLEETLAB_ANONYMOUS_REQUESTS_PER_MINUTE);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, targets);
    if (!rule)
      throw forbidden(`${context.getHandler().name} has no access rule, so no one may call it.`, {
        reason: 'NO_ACCESS_RULE',
        accessRule: 'NONE',
      });
    const req = requestOf(context);
    if (rule === 'PUBLIC') {
      // Anyone may, so who it is does not matter (and /health works without the database).
      if (!this.reflector.getAllAndOverride<boolean>(UNLIMITED, targets)) this.limitAddress(req);
      if (context.getType<string>() === 'graphql') {
        // Who it is only decides what of the answer it may read; a bad token is no one.
        const caller = await this.principals.of(req).catch(() => null);
        if (caller?.kind !== 'PERSON') assertOutsiderFields(context);
      }
      return true;
    }
    const principal = await this.principalOf(req);
    // Counted whether or not it is let through, so that calling what needs credentials
    // without them, or with a guessed cookie, is slowed down like a guessed token.
    if (principal.kind === 'ANONYMOUS' || req.fleetlabCredentialsRefused) this.limitAddress(req);
    const denial = denialOf(rule, principal);
    if (denial) {
      const error = new GraphQLError(denial.message, {
        extensions: { code: denial.code, accessRule: rule },
      });
      await this.auditDenial(context, targets, req, principal, error);
      throw error;
    }
    // The local admin is one person on one machine: not limited.
    if (principal.kind === 'HOST') this.limit(this.hostLimits, `host:${principal.id}`, 'host');
    if (principal.kind === 'PERSON' && !principal.local)
      this.limit(this.personLimits, `person:${principal.id}`, 'person');
    if (principal.kind !== 'PERSON') assertOutsiderFields(context);
    return true;
  }

  /** Who sends it; a bad token counts against its address, so guessing is slowed down. */
  private async principalOf(req: Credentials): Promise<Principal> {
    if (!req.fleetlabPrincipal && sendsCredentials(req)) {
      const retryAfterSeconds = this.addressLimits.wait(addressKey(req));
      if (retryAfterSeconds !== null) throw rateLimited('address', retryAfterSeconds);
    }
    try {
      return await this.principals.of(req);
    } catch (error) {
      if (isDatabaseUnavailable(error)) throw databaseUnavailable();
      if ((error as GraphQLError).extensions?.code === ErrorCode.UNAUTHENTICATED)
        this.limitAddress(req);
      throw error;
    }
  }

  /** HTTP routes that export (report downloads) record their refusals too. */
  private async auditDenial(
    context: ExecutionContext,
    targets: Parameters<Reflector['getAllAndOverride']>[1],
    req: Credentials,
    principal: Principal,
    error: GraphQLError,
  ): Promise<void> {
    const action = this.reflector.getAllAndOverride<string | undefined>(AUDITED_AS, targets);
    if (!action || context.getType<string>() !== 'http') return;
    await this.denials.recordDenial({
      principal,
      action,
      target: req.path ?? null,
      errorCode: String(error.extensions.code),
      remoteAddress: req.ip ?? null,
      userAgent: req.headers['user-agent'] ?? null,
    });
  }

  private limitAddress(req: Credentials): void {
    this.limit(this.addressLimits, addressKey(req), 'address');
  }

  private limit(limits: RateLimiter, key: string, who: Sender): void {
    const retryAfterSeconds = limits.take(key);
    if (retryAfterSeconds !== null) throw rateLimited(who, retryAfterSeconds);
  }
}

type Sender = 'host' | 'person' | 'address';

function rateLimited(who: Sender, retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(
    `Too many requests from this ${who}; nothing was done. Try again in ${retryAfterSeconds} s.`,
    { extensions: { code: ErrorCode.RATE_LIMITED, retryAfterSeconds } },
  );
}

function addressKey(req: Credentials): string {
  return `address:${req.ip ?? 'unknown'}`;
}

/** Whether the request carries a token or a sign-in cookie, which take a query to check. */
function sendsCredentials(req: Credentials): boolean {
  const { authorization, cookie } = req.headers;
  const cookies = Array.isArray(cookie) ? cookie.join(';') : (cookie ?? '');
  return Boolean(authorization) || cookies.includes(`${SESSION_COOKIE}=`);
}

/**
 * Callers who are not people read only what OUTSIDER_FIELDS lists below the operation:
 * refused before it runs, naming the field.
 */
function assertOutsiderFields(context: ExecutionContext): void {
  if (context.getType<string>() !== 'graphql') return;
  const info = GqlExecutionContext.create(context).getInfo<GraphQLResolveInfo>();
  const hidden = firstHiddenField(
    info.schema,
    getNamedType(info.returnType),
    info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : [])),
    info.fragments,
  );
  if (hidden)
    throw forbidden(
      `${hidden} is not readable by hosts (nor through public operations such as enrollHost): a host reads itself, its enrollments with its own arm, and the basics of their experiments.`,
      { reason: 'FIELD_NOT_VISIBLE', field: hidden },
    );
}
