import type { DeliveredEventType, WebhookFormat } from '@fleetlab/shared/domain';

/**
 * An alert as it is stored with its event and sent to every webhook: what happened,
 * to which experiment, in one sentence with the bad news first, and the figures that
 * made it. Documented field by field in docs/alerts.md.
 */
export interface AlertPayload {
  eventId: string;
  type: DeliveredEventType;
  occurredAt: string;
  sentence: string;
  /** Null only for the test of a webhook that covers every experiment. */
  experiment: { slug: string; title: string; status: string; url: string } | null;
  change: { slug: string; title: string } | null;
  /** What in the experiment it is about (a metric, a health check), when not all of it. */
  subject: string | null;
  /** The state that fired (WORSE, FAILED, SHIP, ...), when the event reports one. */
  state: string | null;
  figures: Record<string, unknown>;
}

/** How each event is named where people read it, bad news first in the list. */
const HEADLINES: Readonly<Record<DeliveredEventType, string>> = {
  HALTED: 'Halted',
  GUARDRAIL_WORSE: 'Guardrail worse',
  HEALTH_CHECK_FAILED: 'Health check failed',
  DECISION_CHANGED: 'Decision changed',
  STAGE_ADVANCED: 'Stage advanced',
  RESUMED: 'Resumed',
  CONCLUDED: 'Concluded',
  TEST: 'Test',
};

/** The JSON body a delivery posts, in the webhook's format. Pure. */
export function renderBody(
  format: WebhookFormat,
  payload: AlertPayload,
  deliveryId: string,
): string {
  switch (format) {
    case 'GENERIC':
      return JSON.stringify({ deliveryId, ...payload });
    case 'SLACK':
      return JSON.stringify(slackMessage(payload));
    case 'MATRIX':
      return JSON.stringify(matrixMessage(payload));
  }
}

/** "Guardrail worse: <sentence>", the line every format starts with. */
function headline(payload: AlertPayload): string {
  return `${HEADLINES[payload.type]}: ${payload.sentence}`;
}

/** Up to 8 plain figures as `name: value`, for chat messages (the generic body has them all). */
function figureLines(figures: Record<string, unknown>): string[] {
  return Object.entries(figures)
    .filter(([, value]) => ['string', 'number', 'boolean'].includes(typeof value))
    .slice(0, 8)
    .map(([name, value]) => `${name}: ${String(value)}`);
}

// Slack's mrkdwn reads &, < and > as markup: the rest is shown as written.
const slackEscape = (text: string): string =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/**
 * A Slack incoming-webhook message: `text` (the notification, and all that Mattermost
 * and other Slack-compatible receivers show) and `blocks`.
 */
function slackMessage(payload: AlertPayload): { text: string; blocks: object[] } {
  const { experiment, change } = payload;
  const where = experiment
    ? `<${experiment.url}|${slackEscape(experiment.title)}> (${experiment.slug})${change ? `, change ${slackEscape(change.title)}` : ''}`
    : 'Fleetlab';
  const figures = figureLines(payload.figures).map(slackEscape).join(' · ');
  return {
    text: `${slackEscape(headline(payload))}\n${where}`,
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `*${HEADLINES[payload.type]}:* ${slackEscape(payload.sentence)}`,
        },
      },
      {
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: `${where} · ${payload.occurredAt}` },
          ...(figures ? [{ type: 'mrkdwn', text: figures }] : []),
        ],
      },
    ],
  };
}

const htmlEscape = (text: string): string =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');

/**
 * What Matrix webhook bridges read: matrix-hookshot's `text` (plain) and `html`, and
 * the same as an `m.room.message` content (`msgtype`, `body`, `format`,
 * `formatted_body`) for bridges and bots that post the body as it is.
 */
function matrixMessage(payload: AlertPayload): Record<string, string> {
  const { experiment, change } = payload;
  const figures = figureLines(payload.figures);
  const text = [
    headline(payload),
    ...(experiment
      ? [
          `${experiment.title} (${experiment.slug})${change ? `, change ${change.title}` : ''}: ${experiment.url}`,
        ]
      : []),
    ...(figures.length > 0 ? [figures.join(' · ')] : []),
  ].join('\n');
  const html = [
    `<p><strong>${htmlEscape(HEADLINES[payload.type])}:</strong> ${htmlEscape(payload.sentence)}</p>`,
    ...(experiment
      ? [
          `<p><a href="${htmlEscape(experiment.url)}">${htmlEscape(experiment.title)}</a> (${htmlEscape(experiment.slug)})${change ? `, change ${htmlEscape(change.title)}` : ''}</p>`,
        ]
      : []),
    ...(figures.length > 0 ? [`<p>${figures.map(htmlEscape).join(' · ')}</p>`] : []),
  ].join('');
  return {
    text,
    html,
    msgtype: 'm.text',
    body: text,
    format: 'org.matrix.custom.html',
    formatted_body: html,
  };
}
