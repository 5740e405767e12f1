import { createHash } from 'node:crypto';
import { Controller, Get, Req, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import * as client from 'openid-client';
import { DataSource } from 'typeorm';
import {
  badInput,
  isUniqueViolation,
  notFound,
  unauthenticated,
} from '../common/graphql-errors.js';
import { AppConfig } from '../config/app-config.js';
import { publicUrl } from '../reports/public-url.js';
import { Access } from './access.decorator.js';
import { cookieValue } from './cookies.js';
import { nameFromClaims, RESERVED_NAMES, roleFromClaim } from './oidc-roles.js';
import { PeopleService } from './people.service.js';
import { isSecure, setSessionCookie } from './session.controller.js';

const STATE_COOKIE = 'fleetlab_oidc_state';
const PENDING_MS = 10 * 60_000;

interface Pending {
  verifier: string;
  nonce: string;
  redirect_uri: string;
}

const stateHash = (state: string): Buffer => createHash('sha256').update(state).digest();

/**
 * Dashboard sign-in with OIDC (authorization code with PKCE), when
 * FLEETLAB_OIDC_ISSUER is set: /auth/oidc/login sends the browser to the issuer,
 * /auth/oidc/callback checks its answer (state, nonce, PKCE, ID token) and signs the
 * person in with the same session cookie as a token sign-in. The role comes from the
 * FLEETLAB_OIDC_ROLE_CLAIM claim at every sign-in; a new identity becomes a person.
 * Sign-ins under way are kept in the database (oidc_sign_in), so any replica finishes
 * what another started.
 */
@Controller('auth/oidc')
export class OidcController {
  private configuration: Promise<client.Configuration> | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly people: PeopleService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get('login')
  @Access('PUBLIC')
  async login(@Req() req: Request, @Res() res: Response): Promise<void> {
    const configuration = await this.discover();
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const redirectUri = `${publicUrl(this.config, req)}/auth/oidc/callback`;
    await this.dataSource.query(
      `WITH expired AS (DELETE FROM oidc_sign_in WHERE expires_at < now())
       INSERT INTO oidc_sign_in (state_hash, verifier, nonce, redirect_uri, expires_at)
       VALUES ($1, $2, $3, $4, now() + $5 * interval '1 millisecond')`,
      [stateHash(state), verifier, nonce, redirectUri, PENDING_MS],
    );
    res.cookie(STATE_COOKIE, state, {
      httpOnly: true,
      sameSite: 'lax',
      secure: isSecure(req, this.config),
      path: '/auth/oidc',
      maxAge: PENDING_MS,
    });
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: 'openid profile email',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    res.redirect(302, url.href);
  }

  @Get('callback')
  @Access('PUBLIC')
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    const configuration = await this.discover();
    const state = cookieValue(req.headers.cookie, STATE_COOKIE);
    // Used once: the row goes whether or not the issuer's answer is good.
    const [pending] = state
      ? await this.dataSource.query<Pending[]>(
          `WITH used AS (
             DELETE FROM oidc_sign_in WHERE state_hash = $1 RETURNING verifier, nonce, redirect_uri, expires_at
           ) SELECT verifier, nonce, redirect_uri FROM used WHERE expires_at >= now()`,
          [stateHash(state)],
        )
      : [];
    if (!state || !pending)
      throw badInput(
        'This sign-in is unknown or took too long; start again from the sign-in page.',
        {
          reason: 'OIDC_STATE',
        },
      );
    res.clearCookie(STATE_COOKIE, { path: '/auth/oidc' });
    const current = new URL(pending.redirect_uri);
    current.search = new URL(req.originalUrl, 'http://callback').search;
    let claims: Record<string, unknown>;
    try {
      const tokens = await client.authorizationCodeGrant(configuration, current, {
        pkceCodeVerifier: pending.verifier,
        expectedState: state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims() as Record<string, unknown>;
    } catch (error) {
      throw unauthenticated(`The sign-in was not accepted: ${(error as Error).message}`, {
        reason: 'OIDC_REJECTED',
      });
    }
    const personId = await this.personFor(claims);
    setSessionCookie(
      req,
      res,
      await this.people.createSession(personId, 'dashboard sign-in (OIDC)', null),
      this.config,
    );
    res.redirect(302, '/');
  }

  /** The person an identity signs in as, created on first sign-in; its role follows the claim. */
  private async personFor(claims: Record<string, unknown>): Promise<string> {
    const subject = `${String(claims.iss)}|${String(claims.sub)}`;
    const role = roleFromClaim(claims[this.config.FLEETLAB_OIDC_ROLE_CLAIM]);
    const [known] = await this.dataSource.query<{ id: string }[]>(
      `WITH updated AS (UPDATE person SET role = $2 WHERE oidc_subject = $1 RETURNING id) SELECT id FROM updated`,
      [subject, role],
    );
    if (known) return known.id;
    // A name taken by someone else, or reserved (the bootstrap `admin`), is never taken over.
    const name = nameFromClaims(claims);
    const suffix = createHash('sha256').update(subject).digest('hex').slice(0, 6);
    const insert = (candidate: string) =>
      this.dataSource.query<{ id: string }[]>(
        `INSERT INTO person (name, role, oidc_subject) VALUES ($1, $2, $3)
         ON CONFLICT (oidc_subject) DO UPDATE SET role = EXCLUDED.role RETURNING id`,
        [candidate, role, subject],
      );
    const taken = RESERVED_NAMES.includes(name) || (await this.people.nameTaken(name));
    try {
      return (await insert(taken ? `${name}-${suffix}` : name))[0]!.id;
    } catch (error) {
      // Someone took the name meanwhile: the suffixed one is this identity's own.
      if (!isUniqueViolation(error)) throw error;
      return (await insert(`${name}-${suffix}`))[0]!.id;
    }
  }

  private discover(): Promise<client.Configuration> {
    const issuer = this.config.FLEETLAB_OIDC_ISSUER;
    if (!issuer || !this.config.FLEETLAB_OIDC_CLIENT_ID)
      return Promise.reject(
        notFound(
          'OIDC sign-in is not set up here (FLEETLAB_OIDC_ISSUER); sign in with an API token.',
        ),
      );
    const url = new URL(issuer);
    // Plain HTTP only for an issuer on this machine (development and tests).
    const loopback =
      url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    this.configuration ??= client
      .discovery(
        url,
        this.config.FLEETLAB_OIDC_CLIENT_ID,
        this.config.FLEETLAB_OIDC_CLIENT_SECRET,
        undefined,
        loopback ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        this.configuration = null;
        throw new Error(`OIDC discovery at ${issuer} failed: ${(error as Error).message}`);
      });
    return this.configuration;
  }
}
