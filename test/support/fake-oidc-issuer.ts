// A minimal OpenID Connect provider for tests: discovery, an authorization endpoint
// that signs in whoever the test says without asking, a token endpoint that checks
// the code and its PKCE verifier, and the JWKS its RS256 ID tokens verify against.
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

export interface FakeIssuer {
  url: string;
  clientId: string;
  clientSecret: string;
  /** Who signs in next: the claims of their ID token (sub is required). */
  signInAs(claims: Record<string, unknown>): void;
  close(): Promise<void>;
}

interface Grant {
  claims: Record<string, unknown>;
  nonce: string | null;
  challenge: string;
  redirectUri: string;
}

export async function startFakeIssuer(): Promise<FakeIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const clientId = 'fleetlab-test';
  const clientSecret = randomBytes(16).toString('hex');
  const grants = new Map<string, Grant>();
  let next: Record<string, unknown> = { sub: 'nobody' };
  let url = '';

  const json = (res: http.ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const server = http.createServer((req, res) => {
    const requestUrl = new URL(req.url ?? '/', url);
    if (requestUrl.pathname === '/.well-known/openid-configuration')
      return json(res, 200, {
        issuer: url,
        authorization_endpoint: `${url}/authorize`,
        token_endpoint: `${url}/token`,
        jwks_uri: `${url}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
      });
    if (requestUrl.pathname === '/jwks') return json(res, 200, { keys: [jwk] });
    if (requestUrl.pathname === '/authorize') {
      const p = requestUrl.searchParams;
      if (p.get('client_id') !== clientId || p.get('code_challenge_method') !== 'S256')
        return json(res, 400, { error: 'invalid_request' });
      const code = randomBytes(16).toString('hex');
      grants.set(code, {
        claims: next,
        nonce: p.get('nonce'),
        challenge: p.get('code_challenge') ?? '',
        redirectUri: p.get('redirect_uri') ?? '',
      });
      const back = new URL(p.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', p.get('state') ?? '');
      res.writeHead(302, { location: back.href }).end();
      return;
    }
    if (requestUrl.pathname === '/token' && req.method === 'POST') {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        void (async () => {
          const form = new URLSearchParams(body);
          const basic = Buffer.from(
            (req.headers.authorization ?? '').replace(/^Basic /, ''),
            'base64',
          ).toString();
          const secret = form.get('client_secret') ?? decodeURIComponent(basic.split(':')[1] ?? '');
          const grant = grants.get(form.get('code') ?? '');
          grants.delete(form.get('code') ?? '');
          const verifier = form.get('code_verifier') ?? '';
          const challenge = createHash('sha256').update(verifier).digest('base64url');
          if (
            !grant ||
            secret !== clientSecret ||
            challenge !== grant.challenge ||
            form.get('redirect_uri') !== grant.redirectUri
          )
            return json(res, 400, { error: 'invalid_grant' });
          const idToken = await new SignJWT({
            ...grant.claims,
            ...(grant.nonce ? { nonce: grant.nonce } : {}),
          })
            .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
            .setIssuer(url)
            .setAudience(clientId)
            .setSubject(String(grant.claims.sub))
            .setIssuedAt()
            .setExpirationTime('5m')
            .sign(privateKey);
          json(res, 200, {
            access_token: randomBytes(16).toString('hex'),
            token_type: 'Bearer',
            expires_in: 300,
            id_token: idToken,
          });
        })();
      });
      return;
    }
    json(res, 404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    clientId,
    clientSecret,
    signInAs(claims) {
      next = claims;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
