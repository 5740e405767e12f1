import { Controller, Delete, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { badInput, unauthenticated } from '../common/graphql-errors.js';
import { AppConfig } from '../config/app-config.js';
import { Access } from './access.decorator.js';
import { cookieValue } from './cookies.js';
import { PeopleService, SESSION_HOURS } from './people.service.js';
import { PrincipalService, SESSION_COOKIE } from './principal.service.js';

/**
 * Dashboard sign-in with an API token: POST /auth/session {"token": "flp_..."} answers
 * an HttpOnly cookie holding a session of its own (12 h), so the page never keeps the
 * API token and report links work as plain downloads. DELETE /auth/session signs out.
 * JSON bodies only: a cross-site form cannot post one.
 */
@Controller('auth/session')
export class SessionController {
  constructor(
    private readonly principals: PrincipalService,
    private readonly people: PeopleService,
    private readonly config: AppConfig,
  ) {}

  @Post()
  @HttpCode(200)
  @Access('PUBLIC')
  async signIn(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<{ name: string; role: string }> {
    const token = (req.body as { token?: unknown } | undefined)?.token;
    if (!req.is('application/json') || typeof token !== 'string' || !token.startsWith('flp_'))
      throw badInput('Send {"token": "flp_..."} as JSON: an API token an admin created for you.', {
        field: 'token',
      });
    const principal = await this.principals.of({ headers: { authorization: `Bearer ${token}` } });
    if (principal.kind !== 'PERSON') throw unauthenticated('That is not a person’s API token.');
    const session = await this.people.createSession(
      principal.id,
      'dashboard sign-in (API token)',
      principal.tokenId ?? null,
    );
    setSessionCookie(req, res, session, this.config);
    return { name: principal.name, role: principal.role };
  }

  @Delete()
  @HttpCode(204)
  @Access('PUBLIC')
  async signOut(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    // A malformed cookie is no session to end, but it goes all the same.
    const session = (() => {
      try {
        return cookieValue(req.headers.cookie, SESSION_COOKIE);
      } catch {
        return undefined;
      }
    })();
    if (session) await this.people.endSession(session);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }
}

export function setSessionCookie(
  req: Request,
  res: Response,
  session: string,
  config: AppConfig,
): void {
  res.cookie(SESSION_COOKIE, session, {
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecure(req, config),
    path: '/',
    maxAge: SESSION_HOURS * 3_600_000,
  });
}

/** Whether people reach the server over HTTPS, directly or through a proxy. */
export function isSecure(req: Request, config: AppConfig): boolean {
  return req.secure || Boolean(config.FLEETLAB_PUBLIC_URL?.startsWith('https://'));
}
