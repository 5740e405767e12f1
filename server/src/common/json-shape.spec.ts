import { describe, expect, it } from '@jest/globals';
import { jsonShapeProblem } from './json-shape.js';

const check = (text: string) => jsonShapeProblem(Buffer.from(text, 'utf8'));

describe(jsonShapeProblem.name, () => {
  it('lets ordinary bodies through, a batch of 1,000 samples and 50,000 host ids too', () => {
    const sample = {
      id: 'tx-1',
      kind: 'package_transaction',
      observedAt: '2026-01-01T00:00:00Z',
      values: [
        { metric: 'install_duration_ms', value: 1 },
        { metric: 'download_bytes', value: 2 },
      ],
      context: { action: 'install', packages: 3, tool: 'dnf4', toolVersion: '4.14.0' },
    };
    const batch = {
      query: 'mutation',
      variables: { batch: { samples: Array(1000).fill(sample) } },
    };
    expect(check(JSON.stringify(batch))).toBeNull();
    const ids = Array.from(
      { length: 50_000 },
      (_, i) => `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
    );
    expect(check(JSON.stringify({ variables: { hostIds: ids } }))).toBeNull();
  });

  it('refuses deep nesting, many containers, many values and huge objects', () => {
    expect(check('['.repeat(33) + ']'.repeat(33))).toMatch(/more than 32 levels/);
    expect(check(`[${Array(20_001).fill('{}').join(',')}]`)).toMatch(/arrays and objects/);
    expect(check(`[${Array(100_002).fill('1').join(',')}]`)).toMatch(/100000 values/);
    const keys = Array.from({ length: 1_001 }, (_, i) => `"k${i}":1`).join(',');
    expect(check(`{"variables":{"facts":{${keys}}}}`)).toMatch(/1000 keys/);
  });

  it('does not count what is inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ query: `[{,"\\" ${'[{,'.repeat(200_000)}` });
    expect(check(text)).toBeNull();
  });
});
