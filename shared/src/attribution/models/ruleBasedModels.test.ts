import { attributeDeal } from '../attributeDeal.js';
import { createModel } from '../createModel.js';
import { amountsOf, buildDeal, sharesOf, touch } from '../__tests__/builders.js';

describe('position-based model', () => {
  const model = createModel({ name: 'position_based' });

  it('When there are five touches with 40/20/40, then first and last get 40% each and the three middle touches share 20%', () => {
    const deal = buildDeal({
      amountMinor: 1_000_00,
      touches: [
        touch('A', 'sourced', 40),
        touch('B', 'demo', 30),
        touch('C', 'demo', 20),
        touch('D', 'demo', 10),
        touch('E', 'co_sell_meeting', 2),
      ],
    });
    const result = attributeDeal(deal, model);
    const shares = sharesOf(result);
    expect(shares.A).toBe(4000);
    expect(shares.E).toBe(4000);
    expect((shares.B ?? 0) + (shares.C ?? 0) + (shares.D ?? 0)).toBe(2000);
    expect([shares.B, shares.C, shares.D]).toEqual([667, 667, 666]);
    expect(amountsOf(result)).toEqual({ A: 400_00, B: 66_67, C: 66_67, D: 66_66, E: 400_00 });
  });

  it('When there are two touches, then the middle 20% is split between them in proportion, 50/50', () => {
    const result = attributeDeal(
      buildDeal({ touches: [touch('A', 'sourced', 9), touch('B', 'demo', 1)] }),
      model,
    );
    expect(sharesOf(result)).toEqual({ A: 5000, B: 5000 });
  });

  it('When there is one touch, then it takes 100%', () => {
    expect(sharesOf(attributeDeal(buildDeal({ touches: [touch('A', 'demo', 3)] }), model))).toEqual({
      A: 10_000,
    });
  });

  it('When the weights are 30/40/30, then the ends get 30% each and the middle 40%', () => {
    const custom = createModel({ name: 'position_based', weights: [30, 40, 30] });
    const result = attributeDeal(
      buildDeal({ touches: [touch('A', 'sourced', 9), touch('B', 'demo', 5), touch('C', 'demo', 1)] }),
      custom,
    );
    expect(sharesOf(result)).toEqual({ A: 3000, B: 4000, C: 3000 });
  });

  it('When the weights do not add up to 100, then the model is refused with a code', () => {
    expect(() => createModel({ name: 'position_based', weights: [40, 40, 40] })).toThrow(
      expect.objectContaining({ code: 'ATTRIBUTION.INVALID_MODEL' }),
    );
  });
});

describe('time-decay model', () => {
  it('When the half-life is 7 days, then a touch 8 days before close gets half the credit of a touch 1 day before', () => {
    const model = createModel({ name: 'time_decay' });
    const deal = buildDeal({
      amountMinor: 300_00,
      touches: [touch('Old', 'demo', 8), touch('Recent', 'demo', 1)],
    });
    const result = attributeDeal(deal, model);
    expect(amountsOf(result)).toEqual({ Old: 100_00, Recent: 200_00 });
    const weights = model.credit({
      deal,
      touches: deal.touches,
      participants: ['Old', 'Recent'],
      touchOwner: [0, 1],
    }).touchWeights;
    expect(weights[0]).toBe((weights[1] as number) / 2);
  });

  it('When the half-life is 14 days, then a touch 15 days before close gets half the credit of one a day before', () => {
    const model = createModel({ name: 'time_decay', halfLifeDays: 14 });
    const result = attributeDeal(
      buildDeal({ amountMinor: 300_00, touches: [touch('Old', 'demo', 15), touch('Recent', 'demo', 1)] }),
      model,
    );
    expect(amountsOf(result)).toEqual({ Old: 100_00, Recent: 200_00 });
  });
});

describe('first-touch, last-touch and linear models', () => {
  const deal = buildDeal({
    amountMinor: 100_00,
    touches: [touch('A', 'introduction', 30), touch('B', 'demo', 20), touch('A', 'demo', 10)],
  });

  it('When the model is first touch, then the earliest touch takes everything and the others are told why not', () => {
    const result = attributeDeal(deal, createModel({ name: 'first_touch' }));
    expect(sharesOf(result)).toEqual({ A: 10_000, B: 0 });
    expect(result.splits[1]?.explanation).toBe(
      'B 0%: ran a demo, which the first-touch model does not credit',
    );
  });

  it('When the model is last touch, then the latest touch takes everything', () => {
    expect(sharesOf(attributeDeal(deal, createModel({ name: 'last_touch' })))).toEqual({ A: 10_000, B: 0 });
  });

  it('When the model is linear, then every touch weighs the same and the cent goes to the earlier participant', () => {
    const result = attributeDeal(deal, createModel({ name: 'linear' }));
    expect(sharesOf(result)).toEqual({ A: 6667, B: 3333 });
    expect(amountsOf(result)).toEqual({ A: 66_67, B: 33_33 });
  });
});

describe('sourced/influenced model', () => {
  const model = createModel({ name: 'sourced_influenced' });

  it('When one partner sourced and two influenced, then the sourcer gets 70% and the influencers 15% each', () => {
    const result = attributeDeal(
      buildDeal({
        touches: [
          touch('S', 'sourced', 30),
          touch('I1', 'demo', 20),
          touch('I2', 'co_sell_meeting', 10),
          touch('S', 'demo', 5),
        ],
      }),
      model,
    );
    expect(sharesOf(result)).toEqual({ S: 7000, I1: 1500, I2: 1500 });
    expect(result.splits[0]?.explanation).toBe('S 70%: sourced the deal (sourcing, 70%)');
  });

  it('When a referral partner is alone on the deal, then it keeps 100% as the sourcer', () => {
    expect(sharesOf(attributeDeal(buildDeal({ touches: [touch('R', 'referral', 3)] }), model))).toEqual({
      R: 10_000,
    });
  });

  it('When nobody sourced the deal, then the influencers share it equally', () => {
    const result = attributeDeal(
      buildDeal({ touches: [touch('A', 'demo', 3), touch('A', 'demo', 2), touch('B', 'demo', 1)] }),
      model,
    );
    expect(sharesOf(result)).toEqual({ A: 5000, B: 5000 });
  });
});
