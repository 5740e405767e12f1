import { describe, expect, it } from '@jest/globals';
import { readView, windowInput, writeView } from './view-params.js';

describe('experiment view in the URL', () => {
  it('round-trips metric, segment, breakdown and window', () => {
    const view = {
      metric: 'install_duration_ms',
      breakdown: 'TRANSACTION_SIZE' as const,
      segment: { dimension: 'ROOT_FS_TYPE' as const, value: 'btrfs' },
      window: '7d' as const,
    };
    expect(readView(writeView(view))).toEqual(view);
  });

  it('falls back to defaults for missing or unknown values', () => {
    expect(readView(new URLSearchParams('by=nope&window=1y&segment=FOO:bar'))).toEqual({
      metric: null,
      breakdown: 'ROOT_FS_TYPE',
      segment: null,
      window: 'all',
    });
    expect(writeView(readView(new URLSearchParams())).toString()).toBe('');
  });

  it('turns a window key into the days before now', () => {
    const now = new Date('2026-11-28T12:00:00Z');
    expect(windowInput('all', now)).toBeNull();
    expect(windowInput('7d', now)).toEqual({ from: '2026-11-22T12:00:00.000Z' });
  });
});
