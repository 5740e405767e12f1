import type {
  AlertDeliveryStatus,
  DeliveredEventType,
  WebhookFormat,
} from '@fleetlab/shared/domain';

/** Each event as the page names it. */
export const EVENT_WORDS: Record<DeliveredEventType, string> = {
  HALTED: 'Halted',
  GUARDRAIL_WORSE: 'A guardrail got worse',
  HEALTH_CHECK_FAILED: 'A health check failed',
  DECISION_CHANGED: 'The decision changed',
  STAGE_ADVANCED: 'Moved to its next stage',
  RESUMED: 'Resumed',
  CONCLUDED: 'Concluded',
  TEST: 'Test',
};

/** What each body suits. */
export const FORMAT_WORDS: Record<WebhookFormat, string> = {
  GENERIC: 'Signed JSON, for your own receiver',
  SLACK: 'Slack (or Mattermost) incoming webhook',
  MATRIX: 'Matrix webhook bridge (hookshot)',
};

/** What a webhook posts, as its card says it. */
export const POSTS_WORDS: Record<WebhookFormat, string> = {
  GENERIC: 'signed JSON',
  SLACK: 'Slack messages',
  MATRIX: 'Matrix messages',
};

export const STATUS_WORDS: Record<AlertDeliveryStatus, string> = {
  PENDING: 'Waiting',
  DELIVERED: 'Delivered',
  FAILED: 'Failed',
  CANCELLED: 'Not sent',
};
