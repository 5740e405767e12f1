import { describe, expect, it } from '@jest/globals';
import { parseConfig } from './config.js';

describe(parseConfig.name, () => {
  it('reads the settings, leaving comments, blanks and empty values out', () => {
    expect(
      parseConfig(
        [
          '# fleetlab-agent',
          'server = https://fleetlab.example.org',
          '',
          'enroll_secret_file=/etc/fleetlab/enroll-secret',
          '#state_dir = /var/lib/fleetlab-agent',
          'region =',
          'labels = builder, eu big',
        ].join('\n'),
        'agent.conf',
      ),
    ).toEqual({
      server: 'https://fleetlab.example.org',
      enrollSecretFile: '/etc/fleetlab/enroll-secret',
      labels: ['builder', 'eu', 'big'],
    });
  });

  it('names the file, the line and the keys it knows for a mistake', () => {
    expect(() => parseConfig('server = x\nsecret = fle_123\n', '/etc/fleetlab/agent.conf')).toThrow(
      /^\/etc\/fleetlab\/agent\.conf line 2: expected one of server, enroll_secret_file, state_dir, region, labels/,
    );
  });
});
