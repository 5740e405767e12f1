import { describe, expect, it } from '@jest/globals';
import { sampleTableOf, samplesOfTable } from './sample-table.js';

const samples = [
  {
    id: 'tx-1',
    kind: 'package_transaction',
    observedAt: '2026-11-20T10:00:00.000Z',
    values: [
      { metric: 'install_duration_ms', value: 5310 },
      { metric: 'download_bytes', value: 48_200_000 },
    ],
    context: { action: 'install', packages: 3 },
  },
  {
    id: 'disk-1',
    kind: 'disk_snapshot',
    observedAt: '2026-11-20T11:00:00.000Z',
    values: [{ metric: 'disk_used_bytes', value: 1e10 }],
  },
];

describe(sampleTableOf.name, () => {
  it('names each metric once and gives every sample a row, null where it has no value', () => {
    expect(sampleTableOf(samples)).toEqual({
      metrics: ['install_duration_ms', 'download_bytes', 'disk_used_bytes'],
      samples: [
        [
          'tx-1',
          'package_transaction',
          '2026-11-20T10:00:00.000Z',
          5310,
          48_200_000,
          null,
          { action: 'install', packages: 3 },
        ],
        ['disk-1', 'disk_snapshot', '2026-11-20T11:00:00.000Z', null, null, 1e10],
      ],
    });
  });
});

describe(samplesOfTable.name, () => {
  it('reads back the samples a table was made of', () => {
    const read = samplesOfTable(JSON.parse(JSON.stringify(sampleTableOf(samples))), 1000);
    expect(read).toEqual({ samples, malformed: [] });
  });

  it('rejects rows of the wrong shape one by one, naming what a row holds', () => {
    const read = samplesOfTable(
      {
        metrics: ['install_duration_ms'],
        samples: [['a', 'package_transaction'], 'b', ['c', 'boot', 't', 1]],
      },
      1000,
    );
    expect(read).toMatchObject({
      samples: [
        {
          id: 'c',
          kind: 'boot',
          observedAt: 't',
          values: [{ metric: 'install_duration_ms', value: 1 }],
        },
      ],
      malformed: [
        {
          id: 'a',
          code: 'INVALID_ROW',
          reason: expect.stringMatching(/^row 0 must be \[id, kind, observedAt, 1 value/),
        },
        { id: 'row 1', code: 'INVALID_ROW' },
      ],
    });
  });

  it('refuses a table that is not one, or too long', () => {
    expect(samplesOfTable([], 10)).toEqual({ problem: 'table must be an object, got a list' });
    expect(samplesOfTable({ metrics: ['a', 'a'], samples: [] }, 10)).toEqual({
      problem: 'table.metrics names a metric twice',
    });
    expect(samplesOfTable({ metrics: [1], samples: [] }, 10)).toEqual({
      problem: 'table.metrics must be a list of metric names',
    });
    expect(samplesOfTable({ metrics: [], samples: new Array(11).fill([]) }, 10)).toEqual({
      problem: 'A batch holds at most 10 samples, got 11; split it.',
    });
  });
});
