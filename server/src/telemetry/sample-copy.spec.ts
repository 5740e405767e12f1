import { describe, expect, it } from '@jest/globals';
import { copyField, sampleCopyLine } from './sample-copy.js';

describe('COPY text', () => {
  it('escapes backslash, tab, newline and carriage return, and nothing else', () => {
    expect(copyField('plain "text" ünïcode')).toBe('plain "text" ünïcode');
    expect(copyField('a\\b\tc\nd\re\\N')).toBe('a\\\\b\\tc\\nd\\re\\\\N');
  });

  it('writes a sample as one line in the columns’ order', () => {
    const line = sampleCopyLine('3f1c0e6e-0000-4000-8000-000000000001', {
      id: 's-1',
      kind: 'package_transaction',
      observedAt: new Date('2026-11-24T10:00:00Z'),
      values: { install_duration_ms: 812.5 },
      context: { tool: 'C:\\dnf', packages: 2 },
    });
    expect(line).toBe(
      '3f1c0e6e-0000-4000-8000-000000000001\ts-1\tpackage_transaction\t2026-11-24T10:00:00.000Z\t' +
        '{"install_duration_ms":812.5}\t{"tool":"C:\\\\\\\\dnf","packages":2}\n',
    );
  });
});
