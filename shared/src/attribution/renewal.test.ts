import { attributeDeal } from './attributeDeal.js';
import { createModel } from './createModel.js';
import { attributeRenewal, attributeRenewalWithoutOriginal, renewalPolicySchema } from './renewal.js';
import { amountsOf, buildDeal, CLOSE, DAY_MS, sharesOf, touch } from './__tests__/builders.js';

describe('renewal inheritance', () => {
  const model = createModel({ name: 'position_based' });
  const original = attributeDeal(
    buildDeal({
      id: 'D-1',
      touches: [touch('nw', 'sourced', 30), touch('nw', 'technical_validation', 14), touch('ct', 'demo', 2)],
    }),
    model,
  );
  const renewalOf = (touches = [] as ReturnType<typeof touch>[]) =>
    buildDeal({ id: 'D-1-R', amountMinor: 500_01, closedAtMs: CLOSE + 365 * DAY_MS, touches });

  it('When a renewal has no new touchpoints, then it inherits the original split on its own amount, to the cent', () => {
    const result = attributeRenewal(renewalOf(), original, model);
    expect(result.inheritance).toBe('inherited');
    expect(sharesOf(result)).toEqual({ nw: 6000, ct: 4000 });
    expect(amountsOf(result)).toEqual({ nw: 300_01, ct: 200_00 });
    expect(result.splits[0]?.explanation).toBe(
      'nw 60%: inherited from the original deal D-1 (the renewal has no new touchpoints), where it sourced the deal (first touch, 40%) and ran the technical validation (20%)',
    );
  });

  it('When new touchpoints say otherwise, then the renewal is attributed on them', () => {
    const result = attributeRenewal(renewalOf([touch('msp', 'renewal_support', -300)]), original, model);
    expect(result.inheritance).toBe('fresh');
    expect(sharesOf(result)).toEqual({ msp: 10_000 });
  });

  it('When the policy always inherits, then new touchpoints do not change the split', () => {
    const policy = renewalPolicySchema.parse({ mode: 'inherit' });
    const result = attributeRenewal(
      renewalOf([touch('msp', 'renewal_support', -300)]),
      original,
      model,
      policy,
    );
    expect(sharesOf(result)).toEqual({ nw: 6000, ct: 4000 });
  });

  it('When the policy counts only renewal support as new, then a new demo alone still inherits', () => {
    const policy = renewalPolicySchema.parse({ newTouchKinds: ['renewal_support'] });
    expect(attributeRenewal(renewalOf([touch('x', 'demo', -300)]), original, model, policy).inheritance).toBe(
      'inherited',
    );
  });

  it('When the policy is fresh and the renewal has no touchpoints, then the direct team keeps it', () => {
    const policy = renewalPolicySchema.parse({ mode: 'fresh' });
    expect(sharesOf(attributeRenewal(renewalOf(), original, model, policy))).toEqual({ direct: 10_000 });
  });
});

describe('a renewal without its original', () => {
  it('When no original was found, then the renewal is attributed on its own touches and every split says why', () => {
    const model = createModel({ name: 'position_based' });
    const result = attributeRenewalWithoutOriginal(
      buildDeal({ id: 'D-2-R', touches: [touch('msp', 'renewal_support', 3)] }),
      model,
      'no won deal on the account closed before the renewal was created on 2025-06-01',
    );
    expect(result).toMatchObject({ inheritance: 'no_original', originalDealId: null });
    expect(sharesOf(result)).toEqual({ msp: 10_000 });
    expect(result.splits[0]?.explanation).toMatch(
      /; this renewal has no original deal to inherit from \(no won deal on the account closed before the renewal was created on 2025-06-01\), so it is attributed on its own touches$/,
    );
  });
});
