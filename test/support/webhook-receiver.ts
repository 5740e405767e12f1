import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A delivery as the receiver took it in. */
export interface Received {
  deliveryId: string;
  event: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
  /** For signed receivers: the signature held and was fresh. */
  verified: boolean;
}

/** up: answers 204; failing: answers 500; down: refuses connections (not listening). */
export type ReceiverMode = 'up' | 'failing' | 'down';

/**
 * A webhook receiver on loopback, as a team would write one from docs/alerts.md: it
 * checks Fleetlab-Signature (HMAC-SHA256 of "<t>.<body>" with the secret) and refuses a
 * bad or stale (over 5 minutes) one with 400, and it counts each Fleetlab-Delivery id
 * once, so that resends are told from new events.
 */
export class WebhookReceiver {
  /** Every delivery accepted, in order, the first of each id only. */
  readonly received: Received[] = [];
  /** Deliveries that came again with an id already accepted. */
  readonly duplicates: string[] = [];
  /** Requests refused for their signature. */
  readonly refused: string[] = [];
  /** Requests answered while failing. */
  failedRequests = 0;
  secret: string | null = null;
  /** How long it takes to answer, so that deliveries overlap. */
  answerDelayMs = 0;
  private mode: ReceiverMode = 'up';
  private readonly server = http.createServer((req, res) => void this.take(req, res));
  private port = 0;

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    await receiver.listen();
    return receiver;
  }

  url(path = '/hook'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  async setMode(mode: ReceiverMode): Promise<void> {
    if (mode === 'down' && this.mode !== 'down') await this.stopListening();
    if (mode !== 'down' && this.mode === 'down') await this.listen();
    this.mode = mode;
  }

  /** Waits (polling) until `check` holds, up to `timeoutMs`; fails with `what`. */
  async waitFor(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  ofEvent(event: string): Received[] {
    return this.received.filter((r) => r.event === event);
  }

  async close(): Promise<void> {
    if (this.mode !== 'down') await this.stopListening();
  }

  private async take(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    if (this.answerDelayMs > 0)
      await new Promise((resolve) => setTimeout(resolve, this.answerDelayMs));
    if (this.mode === 'failing') {
      this.failedRequests++;
      res.writeHead(500).end('down for maintenance');
      return;
    }
    const deliveryId = String(req.headers['fleetlab-delivery'] ?? '');
    const verified = this.secret
      ? verify(this.secret, String(req.headers['fleetlab-signature'] ?? ''), raw)
      : false;
    if (this.secret && !verified) {
      this.refused.push(deliveryId);
      res.writeHead(400).end('bad signature');
      return;
    }
    if (this.received.some((r) => r.deliveryId === deliveryId)) {
      this.duplicates.push(deliveryId);
    } else {
      this.received.push({
        deliveryId,
        event: String(req.headers['fleetlab-event'] ?? ''),
        headers: req.headers,
        body: JSON.parse(raw) as Record<string, unknown>,
        verified,
      });
    }
    res.writeHead(204).end();
  }

  private listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port, '127.0.0.1', () => {
        this.port = (this.server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  private stopListening(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

/** docs/alerts.md's check: the signature over "<t>.<body>" holds, and t is within 5 minutes. */
export function verify(secret: string, header: string, body: string, now = Date.now()): boolean {
  const parts = Object.fromEntries(
    header.split(',').map((p) => p.split('=', 2) as [string, string]),
  );
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(now / 1000 - t) > 300 || !parts.v1) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
