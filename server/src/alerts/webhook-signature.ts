import { createHmac } from 'node:crypto';
import { newSecretToken } from '../common/secret-token.js';

/** The header that carries the signature of a GENERIC webhook's body. */
export const SIGNATURE_HEADER = 'Fleetlab-Signature';

/**
 * A new signing secret: 256 random bits, `flw_` and base64url, made as tokens are. Unlike
 * tokens it is stored as it is, because the server signs every delivery with it.
 */
export const newSigningSecret = (): string => newSecretToken('flw');

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, keyed with the secret's
 * UTF-8 bytes (the whole string, `flw_` included). The time is signed with the body,
 * so a receiver can refuse an old delivery replayed with its signature. Pure.
 */
export function signatureHeader(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`, 'utf8').digest('hex');
  return `t=${t},v1=${v1}`;
}
