import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GraphQLError } from 'graphql';
import { AppConfig } from '../config/app-config.js';
import { ErrorCode, forbidden } from '../common/graphql-errors.js';
import { ACCESS_RULE, requestOf } from './access.decorator.js';
import { PrincipalService } from './principal.service.js';
import { RateLimiter } from './rate-limiter.js';
import { denialOf, type AccessRule } from './roles.js';

/**
 * Every query, mutation, subscription and route passes here: it finds who sends the
 * request, checks the operation's @Access rule (no rule: refused), and counts the
 * request against the sender's rate limit.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly hostLimits: RateLimiter;
  private readonly personLimits: RateLimiter;

  constructor(
    private readonly reflector: Reflector,
    private readonly principals: PrincipalService,
    config: AppConfig,
  ) {
    this.hostLimits = new RateLimiter(config.FLEETLAB_HOST_REQUESTS_PER_MINUTE);
    this.personLimits = new RateLimiter(config.FLEETLAB_PERSON_REQUESTS_PER_MINUTE);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Field resolvers are covered by the operation that reached them.
    if (context.getType<string>() === 'graphql' && !isRootField(context)) return true;
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule)
      throw forbidden(`${context.getHandler().name} has no access rule, so no one may call it.`, {
        reason: 'NO_ACCESS_RULE',
      });
    // Anyone may: no need to know who (health checks keep working without the database).
    if (rule === 'PUBLIC') return true;
    const principal = await this.principals.of(requestOf(context));
    const denial = denialOf(rule, principal);
    if (denial)
      throw new GraphQLError(denial.message, {
        extensions: { code: denial.code, accessRule: rule },
      });
    // The local admin is one person on one machine: not limited.
    if (principal.kind === 'HOST') this.limit(this.hostLimits, `host:${principal.id}`, 'host');
    if (principal.kind === 'PERSON' && !principal.local)
      this.limit(this.personLimits, `person:${principal.id}`, 'person');
    return true;
  }

  private limit(limits: RateLimiter, key: string, who: 'host' | 'person'): void {
    const retryAfterSeconds = limits.take(key);
    if (retryAfterSeconds === null) return;
    throw new GraphQLError(
      `Too many requests from this ${who}; nothing was done. Try again in ${retryAfterSeconds} s.`,
      { extensions: { code: ErrorCode.RATE_LIMITED, retryAfterSeconds } },
    );
  }
}

function isRootField(context: ExecutionContext): boolean {
  const type = context.getArgByIndex<{ parentType?: { name: string } } | undefined>(3)?.parentType
    ?.name;
  return type === 'Query' || type === 'Mutation' || type === 'Subscription';
}
