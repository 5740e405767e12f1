import { describe, expect, it } from '@jest/globals';
import { foldErrorReason, isDataError, sqlStateOf } from './fold-errors.js';

function pgError(code: string, message = 'failed'): Error {
  return Object.assign(new Error(message), { code });
}

describe('isDataError', () => {
  it('is true for what a batch of data can cause', () => {
    expect(isDataError(pgError('22003', 'value out of range: underflow'))).toBe(true);
    expect(isDataError(pgError('23514'))).toBe(true);
    expect(isDataError(pgError('P0001', 'raised by a trigger'))).toBe(true);
    expect(isDataError(pgError('54000'))).toBe(true);
  });

  it('reads the code TypeORM keeps on driverError', () => {
    const wrapped = Object.assign(new Error('query failed'), {
      driverError: { code: '22P02' },
    });
    expect(sqlStateOf(wrapped)).toBe('22P02');
    expect(isDataError(wrapped)).toBe(true);
  });

  it('is false for failures that say nothing about the data', () => {
    expect(isDataError(pgError('40P01', 'deadlock detected'))).toBe(false);
    expect(isDataError(pgError('57P01', 'terminating connection'))).toBe(false);
    expect(isDataError(pgError('08006'))).toBe(false);
    expect(isDataError(pgError('42P01', 'relation does not exist'))).toBe(false);
    expect(isDataError(pgError('ECONNRESET'))).toBe(false);
    expect(isDataError(new Error('Connection terminated unexpectedly'))).toBe(false);
    expect(isDataError(null)).toBe(false);
  });
});

describe('foldErrorReason', () => {
  it('keeps the message on one line, shortened', () => {
    expect(foldErrorReason(pgError('22003', 'value out of range:\n  underflow'))).toBe(
      'value out of range: underflow',
    );
    expect(foldErrorReason(new Error('x'.repeat(600)))).toHaveLength(500);
  });
});
