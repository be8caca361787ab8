import { attributeDeal } from '../attributeDeal.js';
import { buildDeal, amountsOf, sharesOf, touch } from '../__tests__/builders.js';
import { dealPath, learnMarkovChain, markovModel } from './markov.js';

/**
 * Hand computation for the paths  A→B→won,  A→lost,  B→won.
 * Transitions: start→A 2/3, start→B 1/3; A→B 1/2, A→lost 1/2; B→won 1.
 * P(won) = 2/3·1/2·1 + 1/3·1 = 2/3.
 * Without A: only start→B→won survives, P = 1/3, so the removal effect of A is (2/3−1/3)/(2/3) = 1/2.
 * Without B: no path reaches won, P = 0, so the removal effect of B is 1.
 * A deal touched by A then B is split 1/2 : 1 = one third to A, two thirds to B.
 */
const history = [
  buildDeal({ id: 'p1', outcome: 'won', touches: [touch('A', 'introduction', 9), touch('B', 'demo', 3)] }),
  buildDeal({ id: 'p2', outcome: 'lost', touches: [touch('A', 'introduction', 9)] }),
  buildDeal({ id: 'p3', outcome: 'won', touches: [touch('B', 'demo', 4)] }),
];

describe('Markov removal effect', () => {
  it('When learned from a small path set, then win probability and removal effects equal the hand computation', () => {
    const chain = learnMarkovChain(history);
    expect(chain.winProbability).toBeCloseTo(2 / 3, 12);
    expect(chain.removalEffects.get('A')).toBeCloseTo(1 / 2, 12);
    expect(chain.removalEffects.get('B')).toBeCloseTo(1, 12);
    expect(chain.pathsSeen).toBe(3);
  });

  it('When a deal is touched by A and B, then A gets a third and B two thirds, to the cent', () => {
    const result = attributeDeal(
      buildDeal({ amountMinor: 300_00, touches: [touch('A', 'introduction', 6), touch('B', 'demo', 2)] }),
      markovModel(learnMarkovChain(history)),
    );
    expect(sharesOf(result)).toEqual({ A: 3333, B: 6667 });
    expect(amountsOf(result)).toEqual({ A: 100_00, B: 200_00 });
    expect(result.splits[1]?.explanation).toMatch(
      /^B 66\.67%: ran a demo \(66\.67%\); removing it from 3 historical deal paths would cut the win probability by 100%$/,
    );
  });

  it('When a participant touches twice in a row, then the path counts it once', () => {
    expect(
      dealPath(
        buildDeal({
          touches: [
            touch('A', 'demo', 5),
            touch('A', 'demo', 4),
            touch('B', 'demo', 3),
            touch('A', 'demo', 1),
          ],
        }),
      ),
    ).toEqual(['A', 'B', 'A']);
  });

  it('When the paths loop back, then the chain still converges to the exact answer', () => {
    // A→B→A→won and A→lost. start→A 1; A→B 1/3, A→won 1/3, A→lost 1/3; B→A 1.
    // p(A) = 1/3·p(A) + 1/3  ⇒  p(A) = 1/2.
    const chain = learnMarkovChain([
      buildDeal({
        id: 'l1',
        outcome: 'won',
        touches: [touch('A', 'demo', 9), touch('B', 'demo', 5), touch('A', 'demo', 1)],
      }),
      buildDeal({ id: 'l2', outcome: 'lost', touches: [touch('A', 'demo', 9)] }),
    ]);
    expect(chain.winProbability).toBeCloseTo(1 / 2, 12);
    // Without B: p(A) = 1/3 (A→won directly) ⇒ removal effect 1/3.
    expect(chain.removalEffects.get('B')).toBeCloseTo(1 / 3, 12);
  });
});
