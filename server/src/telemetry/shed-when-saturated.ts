import type { NextFunction, Request, Response } from 'express';
import { ErrorCode } from '../common/graphql-errors.js';
import { busyMessage, type IngestGate } from './ingest-gate.js';

const HOST_TOKEN = /^Bearer\s+flh_/i;

/**
 * While the ingest gate is full, a host's GraphQL request is answered 503 with a
 * retry delay before its body is read, parsed or its token looked up: under a burst,
 * turning work away must cost next to nothing, or the refusals eat the CPU the
 * batches being stored need. The answer has the shape of a GraphQL error, as the
 * agent expects. People's requests are never shed.
 */
export function shedWhenSaturated(gate: IngestGate) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (
      !gate.full ||
      req.method !== 'POST' ||
      req.path !== '/graphql' ||
      !HOST_TOKEN.test(req.headers.authorization ?? '')
    )
      return next();
    const retryAfterSeconds = gate.saturated().retryAfterSeconds;
    req.resume(); // discard the body unread, so the connection can be kept
    res
      .status(503)
      .set('Retry-After', String(retryAfterSeconds))
      .json({
        errors: [
          {
            message: busyMessage(retryAfterSeconds),
            extensions: { code: ErrorCode.UNAVAILABLE, retryAfterSeconds },
          },
        ],
      });
  };
}
