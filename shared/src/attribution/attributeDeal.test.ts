import { seededRandom } from '../random/index.js';
import type { AttributableDeal } from './attributableDeal.js';
import { attributeDeal, FULL_SHARE_BP } from './attributeDeal.js';
import { createModel } from './createModel.js';
import { modelNames, type ModelConfigInput } from './modelConfig.js';
import { touchKinds } from './touchpoint.js';
import { buildDeal, CLOSE, DAY_MS, touch } from './__tests__/builders.js';

const randomDeals = (count: number, seed: number): AttributableDeal[] => {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, d) => {
    const participants = Array.from({ length: random.int(1, 5) }, (_, p) => `P${random.int(0, 8)}-${p % 2}`);
    return buildDeal({
      id: `R-${d}`,
      amountMinor: random.int(0, 5_000_000_00) + (random.chance(0.1) ? 1 : 0),
      outcome: random.chance(0.7) ? 'won' : 'lost',
      touches: Array.from({ length: random.int(1, 12) }, (_, t) => ({
        id: `R-${d}-${t}`,
        participantId: random.pick(participants),
        kind: random.pick(touchKinds),
        occurredAtMs: CLOSE - random.int(0, 120) * DAY_MS - random.int(0, DAY_MS),
      })),
    });
  });
};

describe('every model', () => {
  const deals = randomDeals(300, 42);

  it.each(modelNames)(
    'When the %s model attributes random deals, then shares are non-negative, sum to 100% and amounts sum to the deal to the cent',
    (name) => {
      const model = createModel({ name } as ModelConfigInput, { history: deals, random: seededRandom(1) });
      for (const deal of deals) {
        const result = attributeDeal(deal, model);
        let shareTotal = 0;
        let amountTotal = 0;
        for (const split of result.splits) {
          expect(split.shareBp).toBeGreaterThanOrEqual(0);
          expect(split.amountMinor).toBeGreaterThanOrEqual(0);
          expect(split.contributions.reduce((total, c) => total + c.shareBp, 0)).toBe(split.shareBp);
          expect(split.explanation.startsWith(`${split.participantId} `)).toBe(true);
          shareTotal += split.shareBp;
          amountTotal += split.amountMinor;
        }
        expect(shareTotal).toBe(FULL_SHARE_BP);
        expect(amountTotal).toBe(deal.amountMinor);
      }
    },
  );

  it.each(modelNames)(
    'When the %s model attributes the same deal twice, then the result is identical',
    (name) => {
      const model = createModel({ name } as ModelConfigInput, { history: deals, random: seededRandom(1) });
      const deal = deals[7] as AttributableDeal;
      expect(attributeDeal(deal, model)).toEqual(
        attributeDeal({ ...deal, touches: [...deal.touches].reverse() }, model),
      );
    },
  );
});

describe('attributing a deal', () => {
  it('When Northwind sourced and validated and Contoso ran the last demo, then the explanation reads as the issue promises', () => {
    const result = attributeDeal(
      buildDeal({
        touches: [
          touch('nw', 'sourced', 30),
          touch('nw', 'technical_validation', 14),
          touch('ct', 'demo', 2),
        ],
      }),
      createModel({ name: 'position_based' }),
      { nameOf: (id) => ({ nw: 'Northwind', ct: 'Contoso' })[id] ?? id },
    );
    expect(result.splits.map((split) => split.explanation)).toEqual([
      'Northwind 60%: sourced the deal (first touch, 40%) and ran the technical validation (20%)',
      'Contoso 40%: ran a demo (last touch, 40%)',
    ]);
  });

  it('When a partner ran several demos, then the explanation counts them once with their combined share', () => {
    const result = attributeDeal(
      buildDeal({ touches: [touch('A', 'demo', 9), touch('A', 'demo', 5), touch('B', 'demo', 1)] }),
      createModel({ name: 'linear' }),
    );
    expect(result.splits[0]?.explanation).toBe('A 66.67%: ran 2 demos (equal share, 66.67%)');
  });

  it('When a touch happened after a won deal closed, then it is ignored with the reason', () => {
    const result = attributeDeal(
      buildDeal({ touches: [touch('A', 'demo', 5), touch('B', 'implementation', -3, 'late')] }),
      createModel({ name: 'linear' }),
    );
    expect(result.splits.map((split) => split.participantId)).toEqual(['A']);
    expect(result.ignored).toEqual([{ touchpointId: 'late', reason: 'it happened after the deal closed' }]);
  });

  it('When a deal has no touchpoints, then the direct team keeps the full amount', () => {
    const result = attributeDeal(buildDeal({ amountMinor: 123_45 }), createModel({ name: 'linear' }));
    expect(result.splits).toEqual([
      expect.objectContaining({ participantId: 'direct', shareBp: 10_000, amountMinor: 123_45 }),
    ]);
  });

  it('When the direct team touched the deal too, then it takes part like a partner', () => {
    const result = attributeDeal(
      buildDeal({ touches: [touch('direct', 'demo', 5), touch('A', 'sourced', 9)] }),
      createModel({ name: 'linear' }),
    );
    expect(result.splits.map((split) => [split.participantId, split.shareBp])).toEqual([
      ['A', 5000],
      ['direct', 5000],
    ]);
  });
});
