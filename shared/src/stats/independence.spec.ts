import { describe, expect, it } from '@jest/globals';
import { independenceTest } from './independence.js';

describe(independenceTest.name, () => {
  it('matches R chisq.test(table, correct = FALSE)', () => {
    // R 4.2.2: chisq.test(matrix(c(40,30,25, 20,45,30), nrow=2, byrow=TRUE), correct=FALSE)
    const result = independenceTest([
      [40, 30, 25],
      [20, 45, 30],
    ]);
    expect(result.df).toBe(2);
    expect(result.chiSquare).toBeCloseTo(10.1212121212121, 10);
    expect(result.p / 0.00634171488442154).toBeCloseTo(1, 9);
  });

  it('leaves out empty strata, as R does once they are dropped', () => {
    const result = independenceTest([
      [10, 0, 5],
      [12, 0, 9],
    ]);
    expect(result.df).toBe(1);
    expect(result.chiSquare).toBeCloseTo(0.333951762523191, 10);
    expect(result.p / 0.563341360377463).toBeCloseTo(1, 9);
  });

  it('has nothing to test with one stratum or one arm', () => {
    expect(independenceTest([[5], [7]]).p).toBe(1);
    expect(independenceTest([[5, 6]]).p).toBe(1);
  });
});
