import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { addressRefusal, webhookUrlProblem } from './webhook-address.js';

export interface PostOutcome {
  /** The receiver's HTTP status, when it answered. */
  statusCode: number | null;
  /** Why it did not count as received (no answer, not 2xx), or null when it did. */
  error: string | null;
  durationMs: number;
  /** The receiver's Retry-After, if it sent one. */
  retryAfter?: string;
}

export interface PostOptions {
  timeoutMs: number;
  allowPrivate: boolean;
}

/** Kept short: an error is shown in the delivery history, never the receiver's body. */
const MAX_ERROR = 300;

/**
 * POSTs `body` (JSON) to `url` once. The host's addresses are checked as the
 * connection is made (a name that resolves to a link-local, or a private address when
 * those are not allowed, is refused), redirects are not followed (a 3xx is a failure,
 * not a way around that check), the whole exchange is bounded by `timeoutMs`, and the
 * receiver's answer is read and dropped. Never throws.
 */
export function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: PostOptions,
): Promise<PostOutcome> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  const refused = webhookUrlProblem(url, options.allowPrivate);
  if (refused) return Promise.resolve({ statusCode: null, error: `url ${refused}`, durationMs: 0 });
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  return new Promise<PostOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: Omit<PostOutcome, 'durationMs'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({
        ...outcome,
        error: outcome.error?.slice(0, MAX_ERROR) ?? null,
        durationMs: elapsed(),
      });
    };
    const request = client.request(
      target,
      {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'Fleetlab-Webhooks/1',
        },
        lookup: guardedLookup(options.allowPrivate),
        agent: false,
      },
      (response) => {
        const statusCode = response.statusCode ?? 0;
        const retryAfter = response.headers['retry-after'];
        response.on('error', () => undefined);
        response.resume();
        response.on('end', () =>
          finish({
            statusCode,
            error: statusCode >= 200 && statusCode < 300 ? null : statusError(statusCode),
            ...(retryAfter ? { retryAfter } : {}),
          }),
        );
      },
    );
    const timer = setTimeout(() => {
      finish({ statusCode: null, error: `no answer within ${options.timeoutMs} ms` });
      request.destroy();
    }, options.timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) =>
      finish({ statusCode: null, error: connectionError(error) }),
    );
    request.end(body);
  });
}

function statusError(statusCode: number): string {
  if (statusCode >= 300 && statusCode < 400)
    return `HTTP ${statusCode}: a redirect, which webhooks do not follow; give the address it points to`;
  return `HTTP ${statusCode}`;
}

function connectionError(error: NodeJS.ErrnoException): string {
  if (error.code === 'WEBHOOK_ADDRESS_REFUSED') return error.message;
  const causes: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    ENOTFOUND: 'the host name does not resolve',
    EAI_AGAIN: 'the host name could not be resolved (DNS)',
    ETIMEDOUT: 'connecting timed out',
    EHOSTUNREACH: 'host unreachable',
  };
  const cause = (error.code && causes[error.code]) ?? error.message;
  return error.code && causes[error.code] ? `${cause} (${error.code})` : cause;
}

/**
 * dns.lookup, refusing a host any of whose addresses webhooks may not reach: checked
 * at connection time, so a name that resolved to a public address when the webhook
 * was made cannot be pointed at the metadata service later.
 */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, found: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      for (const { address } of found) {
        const refusal = addressRefusal(hostname, address, allowPrivate);
        if (refusal)
          return callback(
            Object.assign(new Error(`refused: ${refusal}`), { code: 'WEBHOOK_ADDRESS_REFUSED' }),
            '',
            0,
          );
      }
      if (options.all) return callback(null, found);
      const first = found[0];
      if (!first) return callback(new Error(`${hostname} has no address`), '', 0);
      callback(null, first.address, first.family ?? isIP(first.address));
    });
  };
}
