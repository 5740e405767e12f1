import { describe, expect, it } from '@jest/globals';
import { renderBody, type AlertPayload } from './alert-payloads.js';

const PAYLOAD: AlertPayload = {
  eventId: '5b7c8f2e-0000-4000-8000-000000000001',
  type: 'GUARDRAIL_WORSE',
  occurredAt: '2026-01-01T10:00:00.000Z',
  sentence: 'Disk used change is 12% worse on <cow> & beyond the 10% margin.',
  experiment: {
    slug: 'cow-trial',
    title: 'RPM CoW trial',
    status: 'RUNNING',
    url: 'https://fleetlab.example.org/experiments/cow-trial',
  },
  change: { slug: 'rpm-cow', title: 'RPM copy-on-write' },
  subject: 'disk_used_delta_bytes',
  state: 'WORSE',
  figures: { relativeDiff: 0.12, margin: 0.1, ciLow: 0.05, nested: { left: 'out' } },
};

describe(renderBody.name, () => {
  it('sends the payload as it is, with the delivery id, in the generic body', () => {
    const body = JSON.parse(renderBody('GENERIC', PAYLOAD, 'd-1')) as Record<string, unknown>;
    expect(body).toEqual({ deliveryId: 'd-1', ...PAYLOAD });
  });

  it('writes a Slack message with the bad news first, markup characters escaped', () => {
    const body = JSON.parse(renderBody('SLACK', PAYLOAD, 'd-1')) as {
      text: string;
      blocks: { type: string; text?: { text: string }; elements?: { text: string }[] }[];
    };
    expect(body.text).toBe(
      'Guardrail worse: Disk used change is 12% worse on &lt;cow&gt; &amp; beyond the 10% margin.\n' +
        '<https://fleetlab.example.org/experiments/cow-trial|RPM CoW trial> (cow-trial), change RPM copy-on-write',
    );
    expect(body.blocks[0]!.text!.text).toMatch(
      /^\*Guardrail worse:\* Disk used change is 12% worse/,
    );
    expect(body.blocks[1]!.elements!.map((e) => e.text)).toEqual([
      '<https://fleetlab.example.org/experiments/cow-trial|RPM CoW trial> (cow-trial), change RPM copy-on-write · 2026-01-01T10:00:00.000Z',
      'relativeDiff: 0.12 · margin: 0.1 · ciLow: 0.05',
    ]);
  });

  it('writes what Matrix bridges read: hookshot’s text and html, and an m.room.message', () => {
    const body = JSON.parse(renderBody('MATRIX', PAYLOAD, 'd-1')) as Record<string, string>;
    expect(body.text).toBe(
      'Guardrail worse: Disk used change is 12% worse on <cow> & beyond the 10% margin.\n' +
        'RPM CoW trial (cow-trial), change RPM copy-on-write: https://fleetlab.example.org/experiments/cow-trial\n' +
        'relativeDiff: 0.12 · margin: 0.1 · ciLow: 0.05',
    );
    expect(body.html).toBe(
      '<p><strong>Guardrail worse:</strong> Disk used change is 12% worse on &lt;cow&gt; &amp; beyond the 10% margin.</p>' +
        '<p><a href="https://fleetlab.example.org/experiments/cow-trial">RPM CoW trial</a> (cow-trial), change RPM copy-on-write</p>' +
        '<p>relativeDiff: 0.12 · margin: 0.1 · ciLow: 0.05</p>',
    );
    expect(body).toMatchObject({
      msgtype: 'm.text',
      body: body.text,
      format: 'org.matrix.custom.html',
      formatted_body: body.html,
    });
  });

  it('words a test of a webhook for every experiment without one', () => {
    const test: AlertPayload = {
      ...PAYLOAD,
      type: 'TEST',
      sentence: 'A test from Fleetlab.',
      experiment: null,
      change: null,
      figures: {},
    };
    expect((JSON.parse(renderBody('SLACK', test, 'd')) as { text: string }).text).toBe(
      'Test: A test from Fleetlab.\nFleetlab',
    );
    expect((JSON.parse(renderBody('MATRIX', test, 'd')) as { text: string }).text).toBe(
      'Test: A test from Fleetlab.',
    );
  });
});
