import type { AttributionTouch } from './attributableDeal.js';
import { attributeDeal, FULL_SHARE_BP, PARTNER_SOURCING_NOT_CREDITED } from './attributeDeal.js';
import { createModel } from './createModel.js';
import { modelNames, type ModelConfigInput } from './modelConfig.js';
import { partnerReportedPolicySchema } from './provenance.js';
import type { TouchSource } from './touchpoint.js';
import { amountsOf, buildDeal, sharesOf, touch } from './__tests__/builders.js';

const from = (source: TouchSource, t: AttributionTouch): AttributionTouch => ({ ...t, source });
const names = (id: string) => ({ nw: 'Northwind', ct: 'Contoso', direct: 'Direct team' })[id] ?? id;
const half = partnerReportedPolicySchema.parse({ weight: 0.5 });

describe('touchpoint provenance in attribution', () => {
  it('When a partner reports that it sourced a deal, then the report is ignored with the reason and the direct team keeps the credit', () => {
    const result = attributeDeal(
      buildDeal({ touches: [from('partner_reported', touch('nw', 'sourced', 20, 'self'))] }),
      createModel({ name: 'position_based' }),
      { nameOf: names, partnerReported: half },
    );
    expect(result.ignored).toEqual([{ touchpointId: 'self', reason: PARTNER_SOURCING_NOT_CREDITED }]);
    expect(sharesOf(result)).toEqual({ direct: FULL_SHARE_BP });
    expect(result.splits[0]?.explanation).toBe(
      `Direct team 100%: no partner touchpoint counts, so the direct team keeps the full credit; ${PARTNER_SOURCING_NOT_CREDITED}`,
    );
  });

  it('When a partner reports a referral, then it counts as sourcing and is ignored too', () => {
    const result = attributeDeal(
      buildDeal({
        touches: [
          from('partner_reported', touch('nw', 'referral', 20, 'ref')),
          from('crm', touch('ct', 'demo', 5)),
        ],
      }),
      createModel({ name: 'linear' }),
      { partnerReported: half },
    );
    expect(result.ignored.map((i) => i.touchpointId)).toEqual(['ref']);
    expect(sharesOf(result)).toEqual({ ct: FULL_SHARE_BP });
  });

  it('When the same sourcing comes from an approved registration, then it is credited in full', () => {
    const result = attributeDeal(
      buildDeal({ touches: [from('registration', touch('nw', 'sourced', 20))] }),
      createModel({ name: 'position_based' }),
      { partnerReported: half },
    );
    expect(sharesOf(result)).toEqual({ nw: FULL_SHARE_BP });
  });

  it('When a partner reports a demo under a weight of 0.5, then it keeps half the credit the model gives it and the direct team holds the rest, explained on both sides', () => {
    const result = attributeDeal(
      buildDeal({
        amountMinor: 1_000_01,
        touches: [
          from('registration', touch('nw', 'sourced', 30)),
          from('crm', touch('nw', 'technical_validation', 14)),
          from('partner_reported', touch('ct', 'demo', 2, 'ct-demo')),
        ],
      }),
      createModel({ name: 'position_based' }),
      { nameOf: names, partnerReported: half },
    );
    expect(sharesOf(result)).toEqual({ nw: 6000, ct: 2000, direct: 2000 });
    expect(Object.values(amountsOf(result)).reduce((a, b) => a + b, 0)).toBe(1_000_01);
    expect(result.splits.map((s) => s.explanation)).toEqual([
      'Northwind 60%: sourced the deal (first touch, 40%) and ran the technical validation (20%)',
      'Contoso 20%: ran a demo (last touch, partner-reported, 20%); partner-reported touches count 50% until the CRM or an internal user confirms them',
      'Direct team 20%: keeps the unconfirmed part of Contoso’s report that it ran a demo (last touch, 20%)',
    ]);
    const contoso = result.splits.find((s) => s.participantId === 'ct');
    expect(contoso?.contributions).toEqual([
      expect.objectContaining({ touchpointId: 'ct-demo', shareBp: 2000, reportedShareBp: 4000 }),
    ]);
    expect(result.splits.find((s) => s.participantId === 'direct')?.contributions).toEqual([
      expect.objectContaining({ touchpointId: 'ct-demo', shareBp: 2000, heldBackFrom: 'ct' }),
    ]);
  });

  it('When the policy waits for confirmation (weight 0), then an unconfirmed report earns nothing yet and says so', () => {
    const result = attributeDeal(
      buildDeal({ touches: [from('partner_reported', touch('ct', 'co_sell_meeting', 3))] }),
      createModel({ name: 'first_touch' }),
      { nameOf: names, partnerReported: partnerReportedPolicySchema.parse({ weight: 0 }) },
    );
    expect(sharesOf(result)).toEqual({ ct: 0, direct: FULL_SHARE_BP });
    expect(result.splits[0]?.explanation).toBe(
      'Contoso 0%: joined a co-sell meeting, as reported by the partner; it counts once the CRM or an internal user confirms it',
    );
  });

  it('When the policy trusts reports (weight 1), then a partner-reported touch counts like any other', () => {
    const result = attributeDeal(
      buildDeal({
        touches: [from('partner_reported', touch('ct', 'demo', 3)), from('crm', touch('nw', 'demo', 1))],
      }),
      createModel({ name: 'linear' }),
      { partnerReported: partnerReportedPolicySchema.parse({ weight: 1 }) },
    );
    expect(sharesOf(result)).toEqual({ ct: 5000, nw: 5000 });
  });

  it('When no policy is passed, then partner-reported touches count half by default', () => {
    const result = attributeDeal(
      buildDeal({ touches: [from('partner_reported', touch('ct', 'demo', 3))] }),
      createModel({ name: 'linear' }),
    );
    expect(sharesOf(result)).toEqual({ ct: 5000, direct: 5000 });
  });

  it.each(modelNames)(
    'When the %s model credits partner-reported touches, then shares still add up to 100% and amounts to the deal, and the partner never gains by reporting',
    (name) => {
      const deal = buildDeal({
        amountMinor: 7_777_77,
        touches: [
          from('crm', touch('nw', 'introduction', 40)),
          from('partner_reported', touch('ct', 'demo', 20)),
          from('partner_reported', touch('ct', 'technical_validation', 10)),
          from('crm', touch('direct', 'co_sell_meeting', 5)),
        ],
      });
      const history = [deal, { ...deal, id: 'H-1' }, { ...deal, id: 'H-2', outcome: 'lost' as const }];
      const model = createModel({ name } as ModelConfigInput, { history });
      const trusted = attributeDeal(deal, model, {
        partnerReported: partnerReportedPolicySchema.parse({ weight: 1 }),
      });
      const result = attributeDeal(deal, model, { partnerReported: half });
      expect(result.splits.reduce((sum, s) => sum + s.shareBp, 0)).toBe(FULL_SHARE_BP);
      expect(result.splits.reduce((sum, s) => sum + s.amountMinor, 0)).toBe(deal.amountMinor);
      for (const split of result.splits)
        expect(split.contributions.reduce((sum, c) => sum + c.shareBp, 0)).toBe(split.shareBp);
      expect(sharesOf(result).ct ?? 0).toBeLessThanOrEqual(sharesOf(trusted).ct ?? 0);
    },
  );
});
