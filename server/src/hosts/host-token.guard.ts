import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import { HostAuthService, type AuthenticatedHost } from './host-auth.service.js';

export interface HostRequest extends Request {
  fleetlabHost?: AuthenticatedHost;
}

/** Lets a resolver run only for a host with a valid, unrevoked host token. */
@Injectable()
export class HostTokenGuard implements CanActivate {
  constructor(private readonly auth: HostAuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = GqlExecutionContext.create(context).getContext<{ req: HostRequest }>().req;
    req.fleetlabHost = await this.auth.authenticate(req.headers.authorization);
    return true;
  }
}
