import type { NextFunction, Request, Response } from 'express';

/**
 * Requests the server has started and not yet answered, so that a stop (SIGTERM) can
 * let them finish. One server per process: a module-level count.
 */
let inFlight = 0;

export function countRequests(_req: Request, res: Response, next: NextFunction): void {
  inFlight += 1;
  res.once('close', () => (inFlight -= 1));
  next();
}

/**
 * Resolves once no request has been in flight for `quietMs` (requests already sent
 * but still in socket buffers get parsed and counted meanwhile), or after `maxMs`.
 */
export async function requestsDrained(quietMs = 250, maxMs = 15_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    if (inFlight > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= quietMs) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
