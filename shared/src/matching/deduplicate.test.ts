import { findDuplicates } from './deduplicate.js';
import { bCubedScores, pairwiseScores } from './evaluation.js';

describe('findDuplicates', () => {
  it('When A matches B and B matches C, then A–C is a match by transitive closure and says so', () => {
    const result = findDuplicates([
      { id: '1', name: 'Philips Electronics N.V.' },
      { id: '2', name: 'Philips Electronics NV' },
      { id: '3', name: 'PHILIPS ELECTRONIC N V' },
      { id: '4', name: 'Unilever PLC' },
    ]);
    const ids = result.pairs.filter((p) => p.decision === 'match').map((p) => `${p.leftId}-${p.rightId}`);
    expect(ids).toEqual(expect.arrayContaining(['1-2', '1-3', '2-3']));
    expect(ids.some((id) => id.includes('4'))).toBe(false);
    expect(result.clusters).toHaveLength(1);
  });

  it('When closure is off, then only directly scored pairs are reported', () => {
    const result = findDuplicates(
      [
        { id: '1', name: 'Acme' },
        { id: '2', name: 'Acme Inc' },
      ],
      { transitiveClosure: false },
    );
    expect(result.pairs.every((pair) => !pair.viaClosure)).toBe(true);
  });
});

describe('evaluation', () => {
  const labels = new Map([
    ['a', 'x'],
    ['b', 'x'],
    ['c', 'x'],
    ['d', 'y'],
  ]);
  it('When predictions are perfect, then pairwise and B-cubed F1 are 1', () => {
    const predicted = [
      ['a', 'b'],
      ['b', 'c'],
      ['a', 'c'],
    ] as const;
    expect(pairwiseScores(labels, predicted).f1).toBe(1);
    expect(bCubedScores(labels, predicted).f1).toBe(1);
  });
  it('When one wrong pair is predicted, then precision falls and recall counts the missed pairs', () => {
    const scores = pairwiseScores(labels, [
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(scores.precision).toBe(0.5);
    expect(scores.recall).toBeCloseTo(1 / 3);
  });
});
