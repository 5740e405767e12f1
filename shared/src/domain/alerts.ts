/**
 * What an alert tells, bad news first: the experiment halted, or the evidence changed
 * (GUARDRAIL_WORSE, HEALTH_CHECK_FAILED, DECISION_CHANGED), or the experiment moved on
 * (STAGE_ADVANCED, RESUMED, CONCLUDED). Webhooks subscribe to some of these; the
 * server emits them.
 */
export const ALERT_EVENT_TYPES = [
  'HALTED',
  'GUARDRAIL_WORSE',
  'HEALTH_CHECK_FAILED',
  'DECISION_CHANGED',
  'STAGE_ADVANCED',
  'RESUMED',
  'CONCLUDED',
] as const;
export type AlertEventType = (typeof ALERT_EVENT_TYPES)[number];

/** What `sendWebhookTest` sends: a delivery to try a receiver; no webhook subscribes to it. */
export const TEST_ALERT_EVENT = 'TEST';
export type DeliveredEventType = AlertEventType | typeof TEST_ALERT_EVENT;

/**
 * The body a webhook posts: GENERIC is Fleetlab's own JSON, signed with HMAC-SHA256;
 * SLACK is an incoming-webhook message (`text` and `blocks`, also read by Mattermost);
 * MATRIX is what Matrix webhook bridges read (hookshot's `text` and `html`, and an
 * `m.room.message` content).
 */
export const WEBHOOK_FORMATS = ['GENERIC', 'SLACK', 'MATRIX'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/**
 * Where one event stands with one webhook: waiting for its first try or a retry
 * (PENDING), received (DELIVERED), given up on after the retry period (FAILED), or not
 * sent because the webhook was disabled first (CANCELLED).
 */
export const ALERT_DELIVERY_STATUSES = ['PENDING', 'DELIVERED', 'FAILED', 'CANCELLED'] as const;
export type AlertDeliveryStatus = (typeof ALERT_DELIVERY_STATUSES)[number];
