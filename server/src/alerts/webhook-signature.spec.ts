import { describe, expect, it } from '@jest/globals';
import { newSigningSecret, signatureHeader } from './webhook-signature.js';

describe(signatureHeader.name, () => {
  it('signs "<t>.<body>" with HMAC-SHA256, as openssl computes it', () => {
    // printf '%s' '1767225600.{"type":"TEST"}' | openssl dgst -sha256 -hmac 'flw_example'
    expect(
      signatureHeader('flw_example', '{"type":"TEST"}', new Date('2026-01-01T00:00:00.900Z')),
    ).toBe('t=1767225600,v1=91247ad3f67d5925041eba6c1fe7e72f99e3ba4843661ea4d1a51b95685fd907');
  });

  it('changes with the time, so an old signature does not cover a new moment', () => {
    const body = '{"type":"TEST"}';
    const first = signatureHeader('flw_example', body, new Date(1_767_225_600_000));
    const later = signatureHeader('flw_example', body, new Date(1_767_225_660_000));
    expect(first.split(',v1=')[1]).not.toBe(later.split(',v1=')[1]);
  });
});

describe(newSigningSecret.name, () => {
  it('gives 256 random bits each time', () => {
    const secret = newSigningSecret();
    expect(secret).toMatch(/^flw_[A-Za-z0-9_-]{43}$/);
    expect(newSigningSecret()).not.toBe(secret);
  });
});
