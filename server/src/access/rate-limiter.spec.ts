import { describe, expect, it } from '@jest/globals';
import { RateLimiter } from './rate-limiter.js';

describe('RateLimiter', () => {
  it('allows a burst of perMinute, then asks to wait until a request is earned back', () => {
    let now = 0;
    const limiter = new RateLimiter(60, () => now);
    for (let i = 0; i < 60; i++) expect(limiter.take('host-a')).toBeNull();
    expect(limiter.take('host-a')).toBe(1);
    now += 1000;
    expect(limiter.take('host-a')).toBeNull();
    expect(limiter.take('host-a')).toBe(1);
  });

  it('tells how long a request would wait without taking one', () => {
    let now = 0;
    const limiter = new RateLimiter(2, () => now);
    expect(limiter.wait('a')).toBeNull();
    limiter.take('a');
    expect(limiter.wait('a')).toBeNull();
    limiter.take('a');
    expect(limiter.wait('a')).toBe(30);
    expect(limiter.wait('a')).toBe(30);
    now += 30_000;
    expect(limiter.wait('a')).toBeNull();
    expect(limiter.take('a')).toBeNull();
  });

  it('keeps keys apart', () => {
    const limiter = new RateLimiter(1, () => 0);
    expect(limiter.take('a')).toBeNull();
    expect(limiter.take('b')).toBeNull();
    expect(limiter.take('a')).toBe(60);
  });

  it('says how long to wait at a slow rate', () => {
    let now = 0;
    const limiter = new RateLimiter(2, () => now);
    limiter.take('a');
    limiter.take('a');
    expect(limiter.take('a')).toBe(30);
    now += 29_000;
    expect(limiter.take('a')).toBe(1);
    now += 1000;
    expect(limiter.take('a')).toBeNull();
  });

  it('forgets idle keys when it holds too many, so memory stays bounded', () => {
    let now = 0;
    const limiter = new RateLimiter(60, () => now, 100);
    for (let i = 0; i < 100; i++) limiter.take(`host-${i}`);
    now += 60_000;
    limiter.take('busy');
    expect(limiter.size).toBe(1);
  });
});
