import { assignTier, type TierInput } from './assignTier.js';
import { defaultTierPolicy, tierPolicySchema } from './tierPolicy.js';

const partner = (overrides: Partial<TierInput> = {}): TierInput => ({
  partnerId: 'nw',
  certifications: ['hubspot-sales', 'hubspot-ops', 'security'],
  specialisations: ['fintech'],
  outcomes: [
    { verified: true, csat: 5, kind: 'implementation' },
    { verified: true, csat: 4, kind: 'activation' },
    { verified: true, csat: 4, kind: null },
  ],
  value: { wonDeals: 2, coDeliveryDeals: 1 },
  ...overrides,
});

describe('capability tiers', () => {
  it('When a partner meets every Gold requirement, then it is Gold with each requirement as a reason and what Platinum still needs', () => {
    const assignment = assignTier(partner(), defaultTierPolicy);
    expect(assignment).toMatchObject({ tierId: 'gold', tierName: 'Gold', policyVersion: 'default-2' });
    expect(assignment.reasons).toEqual([
      'certifications: 3 of 3 required',
      'specialisations: 1 of 1 required',
      'verified customer outcomes: 3 of 3 required',
      'verified implementation outcomes: 1 of 1 required',
      'average customer satisfaction: 4.33 (needs 4)',
      'won deals: 2 of 1 required',
    ]);
    expect(assignment.next?.tierId).toBe('platinum');
    expect(assignment.next?.missing).toContain('co-delivered deals: 1 of 5 required');
    expect(assignment.next?.missing).toContain('verified adoption outcomes: 0 of 2 required');
  });

  it('When every Gold requirement is met except a delivered implementation, then the partner stays Silver and Gold names the missing kind', () => {
    const assignment = assignTier(
      partner({
        outcomes: [
          { verified: true, csat: 5, kind: 'activation' },
          { verified: true, csat: 4, kind: 'co_sell' },
          // Not verified: it does not count towards any requirement.
          { verified: false, csat: 4, kind: 'implementation' },
          { verified: true, csat: 4, kind: 'adoption' },
        ],
      }),
      defaultTierPolicy,
    );
    expect(assignment.tierId).toBe('silver');
    expect(assignment.next).toEqual({
      tierId: 'gold',
      tierName: 'Gold',
      missing: ['verified implementation outcomes: 0 of 1 required'],
    });
  });

  it('When a tier asks only for outcomes of a kind, then that is a capability and the policy stands', () => {
    const policy = tierPolicySchema.parse({
      version: 'v3',
      tiers: [
        { id: 'base', name: 'Base' },
        { id: 'delivery', name: 'Delivery', requirements: { minOutcomesByKind: { implementation: 2 } } },
      ],
    });
    const twice = [
      { verified: true, csat: null, kind: 'implementation' as const },
      { verified: true, csat: null, kind: 'implementation' as const },
    ];
    expect(assignTier(partner({ outcomes: twice }), policy)).toMatchObject({
      tierId: 'delivery',
      reasons: ['verified implementation outcomes: 2 of 2 required'],
    });
  });

  it('When a partner has huge volume but no certification, then it stays at the entry tier', () => {
    const assignment = assignTier(
      partner({ certifications: [], outcomes: [], value: { wonDeals: 500, coDeliveryDeals: 0 } }),
      defaultTierPolicy,
    );
    expect(assignment.tierId).toBe('registered');
    expect(assignment.reasons).toEqual(['entry tier: open to every partner in the program']);
    expect(assignment.next?.missing).toEqual([
      'certifications: 0 of 1 required',
      'verified customer outcomes: 0 of 1 required',
    ]);
  });

  it('When a policy names a required certification, then missing it blocks the tier', () => {
    const policy = tierPolicySchema.parse({
      version: 'v2',
      tiers: [
        { id: 'base', name: 'Base' },
        { id: 'secure', name: 'Secure', requirements: { requiredCertifications: ['iso27001'] } },
      ],
    });
    expect(assignTier(partner(), policy).next?.missing).toEqual(['certification iso27001: not held']);
    expect(assignTier(partner({ certifications: ['iso27001'] }), policy).tierId).toBe('secure');
  });

  it('When a policy would grant a tier on volume alone, then the policy is refused', () => {
    expect(() =>
      assignTier(partner(), {
        version: 'bad',
        tiers: [
          { id: 'base', name: 'Base' },
          { id: 'big', name: 'Big', requirements: { minWonDeals: 10 } },
        ],
      }),
    ).toThrow(expect.objectContaining({ code: 'TIER.INVALID_POLICY' }));
  });
});
