import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './app-config.js';

describe(loadConfig.name, () => {
  it('takes safe defaults for unset and empty variables', () => {
    const config = loadConfig({ PORT: '', DATABASE_URL: '' });
    expect(config).toMatchObject({
      PORT: 3000,
      FLEETLAB_DEMO: true,
      FLEETLAB_DB_PORT: 5433,
      DATABASE_URL: undefined,
      FLEETLAB_DATA_DIR: undefined,
    });
    expect(config.dataDir).toMatch(/\.data$/);
  });

  it('reads numbers and flags', () => {
    const config = loadConfig({
      PORT: '8080',
      FLEETLAB_DEMO: '0',
      FLEETLAB_DEMO_HOSTS: '20',
      DATABASE_URL: 'postgres://u:p@db:5432/fleetlab',
      FLEETLAB_PUBLIC_URL: 'https://fleetlab.example.org',
    });
    expect(config).toMatchObject({
      PORT: 8080,
      FLEETLAB_DEMO: false,
      FLEETLAB_DEMO_HOSTS: 20,
      DATABASE_URL: 'postgres://u:p@db:5432/fleetlab',
      FLEETLAB_PUBLIC_URL: 'https://fleetlab.example.org',
    });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['FLEETLAB_DEMO', 'maybe'],
    ['DATABASE_URL', 'mysql://localhost/db'],
    ['FLEETLAB_PUBLIC_URL', 'fleetlab.example.org'],
    ['NODE_ENV', 'staging'],
    ['FLEETLAB_WEBHOOK_TIMEOUT_MS', '0'],
    ['FLEETLAB_WEBHOOK_ALLOW_PRIVATE', 'sometimes'],
    ['FLEETLAB_ALERT_COOLDOWN_MINUTES', '-1'],
  ])('stops on a bad %s, naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`${name}=`));
  });

  it('runs in local mode by default, and with tokens in production', () => {
    expect(loadConfig({}).authMode).toBe('local');
    expect(
      loadConfig({ NODE_ENV: 'production', FLEETLAB_PUBLIC_URL: 'https://fleetlab.example.org' })
        .authMode,
    ).toBe('tokens');
    expect(loadConfig({ FLEETLAB_AUTH: 'tokens' }).authMode).toBe('tokens');
  });

  it('refuses local mode with NODE_ENV=production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', FLEETLAB_AUTH: 'local' })).toThrow(
      /FLEETLAB_AUTH="local": local mode makes every visitor an admin and is refused with NODE_ENV=production/,
    );
  });

  it('requires FLEETLAB_PUBLIC_URL in production, naming it: links would follow the Host header', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /FLEETLAB_PUBLIC_URL is needed with NODE_ENV=production/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production', FLEETLAB_PUBLIC_URL: ' ' })).toThrow(
      /FLEETLAB_PUBLIC_URL/,
    );
    expect(loadConfig({}).FLEETLAB_PUBLIC_URL).toBeUndefined();
  });

  it('names a bad admin token without showing it', () => {
    const attempt = (): unknown => loadConfig({ FLEETLAB_ADMIN_TOKEN: 'hunter2-secret' });
    expect(attempt).toThrow(
      /FLEETLAB_ADMIN_TOKEN=\(hidden\): FLEETLAB_ADMIN_TOKEN must look like flp_/,
    );
    expect(attempt).not.toThrow(/hunter2/);
  });

  it('lets webhooks reach private networks outside production only, unless told', () => {
    const production = {
      NODE_ENV: 'production',
      FLEETLAB_PUBLIC_URL: 'https://fleetlab.example.org',
    };
    expect(loadConfig({}).webhookAllowPrivate).toBe(true);
    expect(loadConfig(production).webhookAllowPrivate).toBe(false);
    expect(
      loadConfig({ ...production, FLEETLAB_WEBHOOK_ALLOW_PRIVATE: '1' }).webhookAllowPrivate,
    ).toBe(true);
    expect(loadConfig({ FLEETLAB_WEBHOOK_ALLOW_PRIVATE: 'no' }).webhookAllowPrivate).toBe(false);
  });

  it('refuses a first retry wait longer than the longest', () => {
    expect(() =>
      loadConfig({ FLEETLAB_WEBHOOK_RETRY_MIN_MS: '5000', FLEETLAB_WEBHOOK_RETRY_MAX_MS: '1000' }),
    ).toThrow(/FLEETLAB_WEBHOOK_RETRY_MIN_MS=5000 is more than FLEETLAB_WEBHOOK_RETRY_MAX_MS=1000/);
  });
});
