import type { Request } from 'express';
import type { AppConfig } from '../config/app-config.js';

/**
 * Where people reach this server, for the links a report carries: FLEETLAB_PUBLIC_URL
 * when set (behind a proxy), otherwise the scheme and host the request came to.
 */
export function publicUrl(config: AppConfig, req: Request | undefined): string {
  if (config.FLEETLAB_PUBLIC_URL) return config.FLEETLAB_PUBLIC_URL.replace(/\/+$/, '');
  // Over a WebSocket there is no HTTP request to go by.
  const host = typeof req?.get === 'function' ? req.get('host') : undefined;
  return host ? `${req!.protocol}://${host}` : `http://${config.HOST}:${config.PORT}`;
}
