import {
  ALERT_DELIVERY_STATUSES,
  ALERT_EVENT_TYPES,
  TEST_ALERT_EVENT,
  WEBHOOK_FORMATS,
  type AlertDeliveryStatus as DeliveryStatus,
  type DeliveredEventType,
  type WebhookFormat as Format,
} from '@fleetlab/shared/domain';
import { graphqlEnum } from '../common/graphql-enum.js';

export const AlertEventType = graphqlEnum([...ALERT_EVENT_TYPES, TEST_ALERT_EVENT], {
  name: 'AlertEventType',
  description:
    'What an alert tells. Evidence: DECISION_CHANGED, GUARDRAIL_WORSE, HEALTH_CHECK_FAILED (sent only once every arm has its minimum of hosts). The experiment: HALTED, RESUMED, STAGE_ADVANCED, CONCLUDED. TEST: sent by sendWebhookTest only; no webhook subscribes to it.',
});
export type AlertEventType = DeliveredEventType;

export const WebhookFormat = graphqlEnum(WEBHOOK_FORMATS, {
  name: 'WebhookFormat',
  description:
    'GENERIC: Fleetlab’s JSON, signed with HMAC-SHA256 (Fleetlab-Signature). SLACK: a Slack incoming-webhook message (text and blocks; Mattermost reads it too). MATRIX: what Matrix webhook bridges read (hookshot’s text and html, and an m.room.message content).',
});
export type WebhookFormat = Format;

export const AlertDeliveryStatus = graphqlEnum(ALERT_DELIVERY_STATUSES, {
  name: 'AlertDeliveryStatus',
  description:
    'PENDING: waiting for its first try or a retry. DELIVERED: the receiver answered 2xx. FAILED: still failing a day after the event (FLEETLAB_WEBHOOK_MAX_AGE_HOURS), given up. CANCELLED: not sent, the webhook was disabled first.',
});
export type AlertDeliveryStatus = DeliveryStatus;
