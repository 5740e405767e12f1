import type { Credentials } from '../access/principal.service.js';

/** A request as the audit reads it: who sent it, from where, and what is recorded already. */
export type AuditRequest = Credentials & {
  ip?: string;
  headers: Credentials['headers'] & { 'user-agent'?: string };
  /** Mutation fields (by response key) whose event was stored in their own transaction. */
  fleetlabAuditedFields?: Set<string>;
};

/** The telemetry mutations, recorded only when refused for who sent them. */
export const TELEMETRY = new Set(['ingestSamples', 'ingestSampleTable']);
