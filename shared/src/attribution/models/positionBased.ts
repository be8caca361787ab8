import type { AttributionModel } from './modelTypes.js';

/**
 * U-shaped credit: the first and last touches get their weights and the middle touches share the
 * middle weight equally. Weights are in basis points and stay integers: with n touches each middle
 * touch gets `middle` and the ends get `end * (n - 2)`, which is the same ratio without a fraction.
 * One touch takes everything. Two touches have no middle, so the middle weight is split between the
 * first and last in proportion to their weights (50/50 for 40/20/40).
 */
export const positionBasedModel = (
  weightsPercent: readonly [number, number, number] = [40, 20, 40],
): AttributionModel => {
  const [first, middle, last] = weightsPercent.map((percent) => Math.round(percent * 100)) as [
    number,
    number,
    number,
  ];
  const label = `${formatPercent(first)}/${formatPercent(middle)}/${formatPercent(last)}`;
  return {
    name: 'position_based',
    title: `position-based (${label})`,
    credit: ({ touches }) => {
      const n = touches.length;
      if (n === 1) return { touchWeights: [1], labels: ['only touch'] };
      if (n === 2) {
        const ends = first + last === 0 ? [1, 1] : [first, last];
        return { touchWeights: ends, labels: ['first touch', 'last touch'] };
      }
      return {
        touchWeights: touches.map((_, i) =>
          i === 0 ? first * (n - 2) : i === n - 1 ? last * (n - 2) : middle,
        ),
        // Middle touches carry no label: their share already says they were in the middle.
        labels: touches.map((_, i) => (i === 0 ? 'first touch' : i === n - 1 ? 'last touch' : '')),
      };
    },
  };
};

const formatPercent = (bp: number): string => (bp % 100 === 0 ? String(bp / 100) : (bp / 100).toFixed(2));
