import { assignTier, type TierInput } from './assignTier.js';
import { compareTier } from './tierChange.js';
import { defaultTierPolicy } from './tierPolicy.js';

const silverPartner: TierInput = {
  partnerId: 'nw',
  certifications: ['security'],
  specialisations: [],
  outcomes: [{ verified: true, csat: null, kind: 'activation' }],
  value: { wonDeals: 0, coDeliveryDeals: 0 },
};

describe('comparing a fresh tier assessment with the stored one', () => {
  const silver = assignTier(silverPartner, defaultTierPolicy);

  it('When a registered partner now qualifies for Silver, then its tier moves up and the assessment is stored', () => {
    expect(compareTier('registered', null, silver, defaultTierPolicy)).toEqual({
      tierChanged: true,
      assessmentChanged: true,
      direction: 'up',
    });
  });

  it('When nothing changed since the last assessment, then there is nothing to store', () => {
    expect(compareTier('silver', silver, silver, defaultTierPolicy)).toEqual({
      tierChanged: false,
      assessmentChanged: false,
      direction: 'none',
    });
  });

  it('When the tier holds but the reasons moved, then the assessment is stored without a tier change', () => {
    const more = assignTier({ ...silverPartner, certifications: ['security', 'cloud'] }, defaultTierPolicy);
    expect(compareTier('silver', silver, more, defaultTierPolicy)).toMatchObject({
      tierChanged: false,
      assessmentChanged: true,
    });
  });

  it('When the held tier was typed by hand and is not in the policy, then the move is unranked', () => {
    expect(compareTier('Premier', null, silver, defaultTierPolicy).direction).toBe('unranked');
    expect(compareTier('gold', null, silver, defaultTierPolicy).direction).toBe('down');
  });
});
