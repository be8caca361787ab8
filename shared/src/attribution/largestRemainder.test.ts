import { DomainError } from '../errors/index.js';
import { allocateLargestRemainder, toIntegerWeights } from './largestRemainder.js';

describe('largest-remainder allocation', () => {
  it('When 100.00 is split three ways, then the parts add up to the cent and the extra cent goes to the first', () => {
    expect(allocateLargestRemainder(10_000, [1, 1, 1])).toEqual([3334, 3333, 3333]);
  });

  it('When remainders differ, then the largest remainders get the leftover units', () => {
    // Quotas 1.4, 2.8, 5.8 → floors 1, 2, 5; the two leftover units go to .8 and .8 (earlier first).
    expect(allocateLargestRemainder(10, [14, 28, 58])).toEqual([1, 3, 6]);
  });

  it('When the exact quota needs more than 53 bits, then the split is still exact', () => {
    const parts = allocateLargestRemainder(9_000_000_000_000, [2 ** 32, 2 ** 31 + 7, 3]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(9_000_000_000_000);
    const weightSum = 2n ** 32n + 2n ** 31n + 10n;
    const floors = [2n ** 32n, 2n ** 31n + 7n, 3n].map((w) => Number((9_000_000_000_000n * w) / weightSum));
    parts.forEach((part, i) => expect(part - (floors[i] as number)).toBeGreaterThanOrEqual(0));
    parts.forEach((part, i) => expect(part - (floors[i] as number)).toBeLessThanOrEqual(1));
  });

  it('When the total is negative (a credit note), then the parts mirror the positive split', () => {
    expect(allocateLargestRemainder(-100, [1, 2])).toEqual([-33, -67]);
  });

  it('When every weight is zero or one is negative, then the allocation is refused with a code', () => {
    expect(() => allocateLargestRemainder(100, [0, 0])).toThrow(DomainError);
    expect(() => allocateLargestRemainder(100, [1, -1])).toThrow(
      expect.objectContaining({ code: 'ATTRIBUTION.INVALID_INPUT' }),
    );
  });

  it('When weights are integers, then they pass through; when real, then the largest becomes 2^32', () => {
    expect(toIntegerWeights([4000, 2000])).toEqual([4000, 2000]);
    expect(toIntegerWeights([1, 0.5, 0.25])).toEqual([2 ** 32, 2 ** 31, 2 ** 30]);
  });
});
