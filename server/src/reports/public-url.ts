import type { Request } from 'express';
import type { AppConfig } from '../config/app-config.js';

// A host name or address and an optional port, nothing else: the Host header is the
// caller's to choose, and it ends up in report links and shell commands.
const PLAIN_HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * Where people reach this server, for the links a report carries: FLEETLAB_PUBLIC_URL
 * when set (always in production, where loadConfig requires it), otherwise the scheme
 * and host the request came to, if that host is a plain name or address; otherwise
 * the listening address.
 */
export function publicUrl(config: AppConfig, req: Request | undefined): string {
  if (config.FLEETLAB_PUBLIC_URL) return config.FLEETLAB_PUBLIC_URL.replace(/\/+$/, '');
  // Over a WebSocket there is no HTTP request to go by.
  const host = typeof req?.get === 'function' ? req.get('host') : undefined;
  return host && PLAIN_HOST.test(host)
    ? `${req!.protocol}://${host}`
    : `http://${config.HOST}:${config.PORT}`;
}
