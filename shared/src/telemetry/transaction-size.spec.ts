import { describe, expect, it } from '@jest/globals';
import { TRANSACTION_SIZE_CLASSES, transactionSizeClass } from './transaction-size.js';

describe('transactionSizeClass', () => {
  it.each([
    [1, '1'],
    [2, '2-10'],
    [10, '2-10'],
    [11, '11-100'],
    [100, '11-100'],
    [101, '101+'],
    [2500, '101+'],
  ])('puts %p packages in class %p', (packages, expected) => {
    expect(transactionSizeClass(packages)).toBe(expected);
  });

  it.each([[0], [-3], [1.5], ['12'], [null], [undefined], [NaN]])(
    'gives no class to %p',
    (packages) => {
      expect(transactionSizeClass(packages)).toBe('');
    },
  );

  it('lists the classes from small to large', () => {
    expect(TRANSACTION_SIZE_CLASSES).toEqual(['1', '2-10', '11-100', '101+']);
  });
});
