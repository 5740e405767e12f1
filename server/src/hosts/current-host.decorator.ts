import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { AuthenticatedHost } from './host-auth.service.js';
import type { HostRequest } from './host-token.guard.js';

/** The host authenticated by HostTokenGuard. */
export const CurrentHost = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedHost => {
    const req = GqlExecutionContext.create(context).getContext<{ req: HostRequest }>().req;
    return req.fleetlabHost!;
  },
);
