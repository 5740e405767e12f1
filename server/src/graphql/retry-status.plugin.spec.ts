import { describe, expect, it } from '@jest/globals';
import { retryStatusOf } from './retry-status.plugin.js';

const error = (code: string, retryAfterSeconds?: number) => ({
  message: 'm',
  extensions: { code, ...(retryAfterSeconds ? { retryAfterSeconds } : {}) },
});

describe('retryStatusOf', () => {
  it('answers 503 or 429 with the retry delay when nothing was done', () => {
    expect(retryStatusOf(null, [error('UNAVAILABLE', 5)])).toEqual({
      status: 503,
      retryAfterSeconds: 5,
    });
    expect(retryStatusOf({ ingestSamples: null }, [error('RATE_LIMITED', 12)])).toEqual({
      status: 429,
      retryAfterSeconds: 12,
    });
  });

  it('keeps 200 when part of the answer worked, or for other errors', () => {
    expect(retryStatusOf({ a: 1, b: null }, [error('UNAVAILABLE', 5)])).toBeNull();
    expect(retryStatusOf(null, [error('FORBIDDEN')])).toBeNull();
    expect(retryStatusOf({ a: 1 }, undefined)).toBeNull();
  });
});
