import type { Principal } from './roles.js';

/** A refused request to an audited HTTP route (report downloads). */
export interface Denial {
  principal: Principal;
  action: string;
  target: string | null;
  errorCode: string;
  remoteAddress: string | null;
  userAgent: string | null;
}

/**
 * Where the access guard reports refusals of audited routes. The audit module
 * provides it: the audit log knows who sent a request (access), while access knows
 * nothing of the audit log, so neither module imports the other in a circle.
 */
export abstract class DenialRecorder {
  abstract recordDenial(denial: Denial): Promise<void>;
}
