import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { bundle, canonicalJson, renderBundle } from './json-bundle.js';
import { reportDataFixture } from './report-data.fixture.js';

describe(canonicalJson.name, () => {
  it('sorts keys at every level and writes no whitespace', () => {
    expect(canonicalJson({ b: [1, { d: 2, c: null }], a: 'x y', e: undefined })).toBe(
      '{"a":"x y","b":[1,{"c":null,"d":2}]}',
    );
  });

  it('writes numbers in their shortest round-trip form', () => {
    expect(canonicalJson([0.1 + 0.2, -5e6, 1e-7])).toBe('[0.30000000000000004,-5000000,1e-7]');
  });
});

describe(renderBundle.name, () => {
  const data = reportDataFixture();
  const text = renderBundle(data);

  it('is the bundle as JSON, one host aggregate per line', () => {
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(bundle(data))));
    for (const h of data.hostAggregates) expect(text).toContain(`      ${JSON.stringify(h)}`);
  });

  it("carries the sha256 of the host aggregates' canonical JSON", () => {
    const digest = createHash('sha256').update(canonicalJson(data.hostAggregates)).digest('hex');
    expect((JSON.parse(text) as { data: { sha256: string } }).data.sha256).toBe(digest);
  });

  it('differs from another export of the same data only on the generatedAt line', () => {
    const later = renderBundle({ ...data, generatedAt: '2026-03-01T00:00:00.000Z' }).split('\n');
    const differing = text.split('\n').filter((line, i) => line !== later[i]);
    expect(differing).toEqual(['  "generatedAt": "2026-02-01T12:00:00.000Z",']);
  });

  it('writes an empty list when there is no data', () => {
    expect(JSON.parse(renderBundle({ ...data, hostAggregates: [] }))).toMatchObject({
      data: { hostAggregates: [] },
    });
  });
});
