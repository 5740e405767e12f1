import { describe, expect, it } from '@jest/globals';
import { sampleFingerprint, validateSample, type SampleInputShape } from './validate-sample.js';

const now = new Date('2026-11-24T12:00:00Z');
const rules = { now, futureGraceMs: 5 * 60_000, retentionMs: 400 * 86_400_000 };
const good: SampleInputShape = {
  id: 'tx-42',
  kind: 'package_transaction',
  observedAt: '2026-11-24T11:00:00Z',
  values: [
    { metric: 'install_duration_ms', value: 8123.5 },
    { metric: 'download_bytes', value: 1048576 },
  ],
  context: { action: 'upgrade', packages: 12, tool: 'dnf4', toolVersion: '4.14.0' },
};

const codeOf = (input: Partial<SampleInputShape>): string | undefined => {
  const result = validateSample({ ...good, ...input }, rules);
  return 'rejection' in result ? result.rejection.code : undefined;
};

describe(validateSample.name, () => {
  it('accepts a well-formed sample and stores its values by metric', () => {
    const result = validateSample(good, rules);
    expect(result).toEqual({
      sample: {
        id: 'tx-42',
        kind: 'package_transaction',
        observedAt: new Date('2026-11-24T11:00:00Z'),
        values: { install_duration_ms: 8123.5, download_bytes: 1048576 },
        context: { action: 'upgrade', packages: 12, tool: 'dnf4', toolVersion: '4.14.0' },
      },
    });
  });

  it.each([
    ['an empty id', { id: '' }, 'INVALID_ID'],
    ['an id with spaces', { id: 'a b' }, 'INVALID_ID'],
    ['an unknown kind', { kind: 'reboot' }, 'UNKNOWN_KIND'],
    ['an unparseable timestamp', { observedAt: 'yesterday' }, 'INVALID_TIMESTAMP'],
    ['February 30', { observedAt: '2026-02-30T11:00:00Z' }, 'INVALID_TIMESTAMP'],
    ['an hour no clock shows', { observedAt: '2026-11-24T24:00:00Z' }, 'INVALID_TIMESTAMP'],
    [
      'a number for a timestamp',
      { observedAt: 1_795_000_000_000 as unknown as string },
      'INVALID_TIMESTAMP',
    ],
    ['a timestamp an hour ahead', { observedAt: '2026-11-24T13:00:00Z' }, 'IN_FUTURE'],
    ['a timestamp older than retention', { observedAt: '2024-01-01T00:00:00Z' }, 'TOO_OLD'],
    ['no values', { values: [] }, 'INVALID_VALUES'],
    ['an unknown metric', { values: [{ metric: 'speed', value: 1 }] }, 'INVALID_VALUES'],
    [
      'a metric of another kind',
      { values: [{ metric: 'boot_duration_ms', value: 1 }] },
      'INVALID_VALUES',
    ],
    [
      'a metric twice',
      {
        values: [
          { metric: 'download_bytes', value: 1 },
          { metric: 'download_bytes', value: 2 },
        ],
      },
      'INVALID_VALUES',
    ],
    [
      'a negative duration',
      { values: [{ metric: 'install_duration_ms', value: -5 }] },
      'INVALID_VALUES',
    ],
    ['NaN', { values: [{ metric: 'install_duration_ms', value: NaN }] }, 'INVALID_VALUES'],
    [
      'Infinity',
      { values: [{ metric: 'install_duration_ms', value: Infinity }] },
      'INVALID_VALUES',
    ],
    [
      'a fractional byte count',
      { values: [{ metric: 'download_bytes', value: 1.5 }] },
      'INVALID_VALUES',
    ],
    [
      'a byte count beyond 2^53',
      { values: [{ metric: 'download_bytes', value: 2 ** 60 }] },
      'INVALID_VALUES',
    ],
    ['context that is not an object', { context: 'x' }, 'INVALID_CONTEXT'],
    ['an unknown context key', { context: { colour: 'red' } }, 'INVALID_CONTEXT'],
    ['a package count that is not a count', { context: { packages: -1 } }, 'INVALID_CONTEXT'],
    ['a NUL byte', { context: { action: 'in\u0000stall' } }, 'INVALID_CONTEXT'],
    ['a lone surrogate', { context: { tool: 'dnf\ud800' } }, 'INVALID_CONTEXT'],
    // Names every object inherits are no context keys.
    ['the context key constructor', { context: { constructor: 'x' } }, 'INVALID_CONTEXT'],
    ['the context key toString', { context: { toString: 'x' } }, 'INVALID_CONTEXT'],
    ['the context key hasOwnProperty', { context: { hasOwnProperty: 'x' } }, 'INVALID_CONTEXT'],
    [
      'the context key __proto__',
      { context: JSON.parse('{"__proto__": "x"}') as object },
      'INVALID_CONTEXT',
    ],
    [
      'an inherited key on a kind without context',
      {
        kind: 'disk_snapshot',
        values: [{ metric: 'disk_used_bytes', value: 1 }],
        context: { valueOf: 'x' },
      },
      'INVALID_CONTEXT',
    ],
  ])('rejects %s', (_what, input, code) => {
    expect(codeOf(input)).toBe(code);
  });

  it('names the problem in the reason', () => {
    const result = validateSample(
      { ...good, values: [{ metric: 'install_time', value: 1 }] },
      rules,
    );
    expect(result).toEqual({
      rejection: { code: 'INVALID_VALUES', reason: expect.stringContaining('"install_time"') },
    });
  });

  it('keeps RTL, zero-width and 4-byte characters as they are', () => {
    const tool = 'dnf \u202eevil\u202c \u200b😀';
    const result = validateSample({ ...good, context: { tool } }, rules);
    expect(result).toMatchObject({ sample: { context: { tool } } });
  });

  it('allows a host clock a little ahead', () => {
    expect(codeOf({ observedAt: '2026-11-24T12:04:00Z' })).toBeUndefined();
  });
});

describe(sampleFingerprint.name, () => {
  it('ignores the order values and context were sent in, and nothing else', () => {
    const a = validateSample(good, rules);
    const b = validateSample(
      {
        ...good,
        values: [...good.values].reverse(),
        context: { toolVersion: '4.14.0', tool: 'dnf4', packages: 12, action: 'upgrade' },
      },
      rules,
    );
    const c = validateSample(
      { ...good, values: [{ metric: 'install_duration_ms', value: 8123.6 }, good.values[1]!] },
      rules,
    );
    if (!('sample' in a) || !('sample' in b) || !('sample' in c))
      throw new Error('valid samples expected');
    expect(sampleFingerprint(a.sample)).toBe(sampleFingerprint(b.sample));
    expect(sampleFingerprint(a.sample)).not.toBe(sampleFingerprint(c.sample));
  });

  it('keeps the text whose hashes receipts hold (it must never change)', () => {
    const sample = {
      id: 'x',
      kind: 'package_transaction',
      observedAt: new Date('2026-11-24T11:00:00.5Z'),
      values: { rpm_duration_ms: 1e21, install_duration_ms: 8123.5 },
      context: { tool: 'dnf "5"\\x', packages: 3 },
    };
    const sorted = (r: Record<string, unknown>) =>
      Object.keys(r)
        .sort()
        .map((k) => [k, r[k]]);
    const original = JSON.stringify([
      sample.kind,
      sample.observedAt.toISOString(),
      sorted(sample.values),
      sorted(sample.context),
    ]);
    expect(sampleFingerprint(sample)).toBe(original);
    expect(sampleFingerprint({ ...sample, values: {}, context: {} })).toBe(
      '["package_transaction","2026-11-24T11:00:00.500Z",[],[]]',
    );
  });
});
