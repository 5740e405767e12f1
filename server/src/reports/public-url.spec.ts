import { describe, expect, it } from '@jest/globals';
import type { Request } from 'express';
import { loadConfig } from '../config/app-config.js';
import { publicUrl } from './public-url.js';

const request = (host: string, protocol = 'http'): Request =>
  ({ protocol, get: (name: string) => (name === 'host' ? host : undefined) }) as unknown as Request;

describe(publicUrl.name, () => {
  it('prefers FLEETLAB_PUBLIC_URL, without a trailing slash', () => {
    const config = loadConfig({ FLEETLAB_PUBLIC_URL: 'https://fleetlab.example.org/' });
    expect(publicUrl(config, request('10.0.0.1:3000'))).toBe('https://fleetlab.example.org');
  });

  it('falls back to the host the request came to, then to the listening address', () => {
    const config = loadConfig({});
    expect(publicUrl(config, request('fleetlab.lan:3000', 'https'))).toBe(
      'https://fleetlab.lan:3000',
    );
    expect(publicUrl(config, undefined)).toBe('http://127.0.0.1:3000');
    expect(publicUrl(config, request('[::1]:3000'))).toBe('http://[::1]:3000');
  });

  it('takes no Host header that is more than a name or address and a port', () => {
    const config = loadConfig({});
    for (const host of ['evil.org/](javascript:x)', 'a b', "x'$(id)", 'x.org:3000/path', ''])
      expect(publicUrl(config, request(host))).toBe('http://127.0.0.1:3000');
  });
});
