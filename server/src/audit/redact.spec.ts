import { describe, expect, it } from '@jest/globals';
import { redact, storable, targetOf } from './redact.js';

describe('redact', () => {
  it('replaces secrets and tokens at any depth, and keeps the rest', () => {
    expect(
      redact({
        input: { enrollSecret: 'fle_abc', machineIdHash: 'ab12', facts: { arch: 'x86_64' } },
        token: 'flp_x',
        list: [{ clientSecret: 's' }],
      }),
    ).toEqual({
      input: { enrollSecret: '[redacted]', machineIdHash: 'ab12', facts: { arch: 'x86_64' } },
      token: '[redacted]',
      list: [{ clientSecret: '[redacted]' }],
    });
  });

  it('keeps only where a url points: webhook services put their secret in its path', () => {
    expect(
      redact({
        input: {
          url: 'https://hooks.slack.com/services/T0/B0/XXXX?x=1',
          upstreamUrl: 'https://a.org/x',
        },
        url: 'not a url',
      }),
    ).toEqual({
      input: { url: 'https://hooks.slack.com/[redacted]', upstreamUrl: 'https://a.org/x' },
      url: '[redacted]',
    });
    expect(redact({ url: 'http://127.0.0.1:9000' })).toEqual({ url: 'http://127.0.0.1:9000/' });
  });

  it('shortens long strings and lists', () => {
    const out = redact({ s: 'x'.repeat(600), ids: Array.from({ length: 60 }, (_, i) => i) }) as {
      s: string;
      ids: unknown[];
    };
    expect(out.s).toMatch(/^x{500}… \(600 characters\)$/);
    expect(out.ids).toHaveLength(51);
    expect(out.ids[50]).toBe('… and 10 more');
  });
});

describe('storable text', () => {
  it('replaces NUL characters, in keys too, so a refused request is still recorded', () => {
    expect(redact({ ['a\u0000']: 'b\u0000c' })).toEqual({ 'a\ufffd': 'b\ufffdc' });
    expect(storable('x\u0000')).toBe('x\ufffd');
  });

  it('replaces lone surrogates, and whatever cutting a long text leaves of an emoji', () => {
    expect(storable('\ud800x')).toBe('\ufffdx');
    expect(storable('x\udc00')).toBe('x\ufffd');
    expect(storable('🐄')).toBe('🐄');
    const cut = redact(`${'x'.repeat(499)}🐄`.padEnd(600, 'y')) as string;
    expect(cut.startsWith(`${'x'.repeat(499)}\ufffd…`)).toBe(true);
    expect(JSON.stringify(cut)).not.toMatch(/\\ud[89a-f]/);
  });
});

describe('targetOf', () => {
  it('names what the operation acted on', () => {
    expect(targetOf({ experimentSlug: 'rpm-cow', hostIds: ['a'] })).toBe('rpm-cow');
    expect(targetOf({ id: '0b6c' })).toBe('0b6c');
    expect(targetOf({ input: { slug: 'new-exp', title: 'T' } })).toBe('new-exp');
    expect(targetOf({ facts: {} })).toBeNull();
  });
});
