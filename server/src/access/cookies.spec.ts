import { describe, expect, it } from '@jest/globals';
import { cookieValue } from './cookies.js';

describe(cookieValue.name, () => {
  it('finds a cookie among others and decodes it', () => {
    expect(cookieValue('a=1; fleetlab_session=fls_x%2By; b=2', 'fleetlab_session')).toBe('fls_x+y');
    expect(cookieValue(['a=1', 'b=2'], 'b')).toBe('2');
    expect(cookieValue('a=1', 'b')).toBeUndefined();
    expect(cookieValue(undefined, 'b')).toBeUndefined();
  });

  it('refuses a value that is not URL encoding as bad input, and ignores such other cookies', () => {
    expect(() => cookieValue('fleetlab_session=%E0%A4%A', 'fleetlab_session')).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    );
    expect(cookieValue('other=%E0%A4%A; fleetlab_session=fls_1', 'fleetlab_session')).toBe('fls_1');
  });
});
