import { describe, expect, it } from '@jest/globals';
import { isDatabaseUnavailable, isUnstorableValue } from './database-unavailable.js';

describe('isDatabaseUnavailable', () => {
  it('recognises a database that is down, restarting or went away', () => {
    expect(isDatabaseUnavailable({ code: 'ECONNREFUSED' })).toBe(true);
    expect(isDatabaseUnavailable({ driverError: { code: '57P01' } })).toBe(true);
    expect(isDatabaseUnavailable({ originalError: { code: '57P03' } })).toBe(true);
    expect(isDatabaseUnavailable({ code: '08006' })).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(
      isDatabaseUnavailable(
        Object.assign(new Error('x'), { name: 'QueryRunnerProviderAlreadyReleasedError' }),
      ),
    ).toBe(true);
    // Dropped mid-transaction: TypeORM released the runner before the COMMIT went out.
    expect(
      isDatabaseUnavailable(
        Object.assign(new Error('Query runner already released. Cannot run queries anymore.'), {
          name: 'QueryRunnerAlreadyReleasedError',
        }),
      ),
    ).toBe(true);
    expect(isDatabaseUnavailable({ thrownValue: { code: 'ECONNREFUSED' } })).toBe(true);
  });

  it('leaves other errors alone', () => {
    expect(isDatabaseUnavailable({ code: '23505' })).toBe(false);
    expect(isDatabaseUnavailable(new Error('division by zero'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});

describe(isUnstorableValue.name, () => {
  it('recognises values the database refuses: out of range, NUL, not a uuid', () => {
    expect(isUnstorableValue({ driverError: { code: '22003' } })).toBe(true);
    expect(isUnstorableValue({ originalError: { code: '22021' } })).toBe(true);
    expect(isUnstorableValue({ code: '22P02' })).toBe(true);
  });

  it('leaves our own mistakes alone: division by zero, a unique violation', () => {
    expect(isUnstorableValue({ code: '22012' })).toBe(false);
    expect(isUnstorableValue({ code: '23505' })).toBe(false);
    expect(isUnstorableValue(undefined)).toBe(false);
  });
});
