import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Credentials } from './principal.service.js';
import type { AccessRule, Principal } from './roles.js';

export const ACCESS_RULE = 'fleetlab:access';
export const UNLIMITED = 'fleetlab:unlimited';
export const AUDITED_AS = 'fleetlab:audited-as';

/**
 * Who may call a query, mutation, subscription or HTTP route. Every one must say:
 * the AccessGuard refuses an operation without a rule.
 */
export const Access = (rule: AccessRule): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_RULE, rule);

/** A public route that is not rate limited (health checks of load balancers). */
export const Unlimited = (): MethodDecorator & ClassDecorator => SetMetadata(UNLIMITED, true);

/** An HTTP route whose refusals the audit log records as `action` (report downloads). */
export const AuditedAs = (action: string): MethodDecorator & ClassDecorator =>
  SetMetadata(AUDITED_AS, action);

/** The request (or WebSocket connection) of a resolver's or controller's context. */
export function requestOf(context: ExecutionContext): Credentials {
  if (context.getType<string>() === 'graphql')
    return GqlExecutionContext.create(context).getContext<{ req: Credentials }>().req;
  return context.switchToHttp().getRequest<Credentials>();
}

function principalOf(context: ExecutionContext): Principal {
  const principal = requestOf(context).fleetlabPrincipal;
  if (!principal) throw new Error('No principal on the request: is the operation missing @Access?');
  return principal;
}

/** The host whose token authenticated the request (operations with `@Access('HOST')`). */
export const CurrentHost = createParamDecorator(
  (_data: unknown, context: ExecutionContext): { id: string } => {
    const principal = principalOf(context);
    if (principal.kind !== 'HOST') throw new Error('CurrentHost outside a HOST operation');
    return principal;
  },
);

/** The person sending the request (operations with a role rule). */
export const CurrentPerson = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Extract<Principal, { kind: 'PERSON' }> => {
    const principal = principalOf(context);
    if (principal.kind !== 'PERSON') throw new Error('CurrentPerson outside a person operation');
    return principal;
  },
);
