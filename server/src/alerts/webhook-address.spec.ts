import { describe, expect, it } from '@jest/globals';
import { classifyAddress, shownUrl, webhookUrlProblem } from './webhook-address.js';

describe(classifyAddress.name, () => {
  it.each([
    ['169.254.169.254', 'NEVER'],
    ['0.0.0.0', 'NEVER'],
    ['224.0.0.1', 'NEVER'],
    ['255.255.255.255', 'NEVER'],
    ['100.100.100.200', 'NEVER'],
    ['::', 'NEVER'],
    ['fe80::1', 'NEVER'],
    ['fd00:ec2::254', 'NEVER'],
    ['::ffff:169.254.169.254', 'NEVER'],
    ['::ffff:a9fe:a9fe', 'NEVER'],
    ['::127.0.0.1', 'NEVER'],
    ['127.0.0.1', 'PRIVATE'],
    ['127.8.9.10', 'PRIVATE'],
    ['10.1.2.3', 'PRIVATE'],
    ['172.31.255.255', 'PRIVATE'],
    ['192.168.0.10', 'PRIVATE'],
    ['100.64.0.1', 'PRIVATE'],
    ['::1', 'PRIVATE'],
    ['[::1]', 'PRIVATE'],
    ['fd12:3456::1', 'PRIVATE'],
    ['::ffff:127.0.0.1', 'PRIVATE'],
    ['::ffff:7f00:1', 'PRIVATE'],
    ['172.32.0.1', 'PUBLIC'],
    ['8.8.8.8', 'PUBLIC'],
    ['2001:4860:4860::8888', 'PUBLIC'],
  ])('%s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });
});

describe(webhookUrlProblem.name, () => {
  it.each([
    'https://hooks.slack.com/services/T000/B000/XXXX',
    'http://alerts.example.org:8080/fleetlab?room=ops',
    'https://8.8.8.8/hook',
  ])('takes %s', (url) => {
    expect(webhookUrlProblem(url, false)).toBeNull();
  });

  it.each([
    ['hooks.slack.com/services/x', /is not a URL/],
    ['ftp://example.org/hook', /must start with https:\/\/ or http:\/\/, not ftp:\/\//],
    ['file:///etc/passwd', /not file:\/\//],
    ['javascript:alert(1)', /not javascript:/],
    ['http://169.254.169.254/latest/meta-data/', /169\.254\.169\.254 is a link-local, metadata/],
    ['http://[fe80::1]/', /link-local/],
    ['http://metadata.google.internal/computeMetadata/v1/', /cloud metadata service/],
    [
      'http://127.0.0.1:9000/hook',
      /127\.0\.0\.1 is a loopback or private address; set FLEETLAB_WEBHOOK_ALLOW_PRIVATE=1/,
    ],
    ['http://localhost/hook', /localhost \(127\.0\.0\.1\) is a loopback or private address/],
    ['http://10.0.0.5/hook', /private address/],
    ['http://[::ffff:10.0.0.5]/hook', /private address/],
    [`https://example.org/${'x'.repeat(2000)}`, /keep it to 2000 or fewer/],
  ])('refuses %s', (url, problem) => {
    expect(webhookUrlProblem(url, false)).toMatch(problem);
  });

  it('takes loopback and private networks when they are allowed, but never link-local', () => {
    expect(webhookUrlProblem('http://127.0.0.1:9000/hook', true)).toBeNull();
    expect(webhookUrlProblem('http://localhost:9000/hook', true)).toBeNull();
    expect(webhookUrlProblem('http://169.254.169.254/', true)).toMatch(/may never reach/);
  });
});

describe(shownUrl.name, () => {
  it('shows scheme, host and port, never the path or query where services keep their secret', () => {
    expect(shownUrl('https://hooks.slack.com/services/T000/B000/XXXX')).toBe(
      'https://hooks.slack.com/…',
    );
    expect(shownUrl('http://127.0.0.1:9000/?token=abc')).toBe('http://127.0.0.1:9000/…');
    expect(shownUrl('https://alerts.example.org')).toBe('https://alerts.example.org/');
  });
});
