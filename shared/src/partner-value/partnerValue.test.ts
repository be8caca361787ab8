import { computePartnerValue, type PartnerValueInput, type ValueDeal } from './partnerValue.js';

const deal = (id: string, overrides: Partial<ValueDeal> = {}): ValueDeal => ({
  id,
  amountMinor: 1_000_00,
  outcome: 'won',
  kind: 'new',
  closedAt: '2025-03-01T00:00:00Z',
  ...overrides,
});

const input = (overrides: Partial<PartnerValueInput> = {}): PartnerValueInput => ({
  partnerId: 'nw',
  joinedAt: '2025-01-01T00:00:00Z',
  registrations: [
    { partnerId: 'nw', submittedAt: '2025-01-11T00:00:00Z' },
    { partnerId: 'other', submittedAt: '2025-01-02T00:00:00Z' },
  ],
  deals: [
    deal('sourced-won', { closedAt: '2025-02-15T00:00:00Z' }),
    deal('influenced-open', { outcome: 'open', amountMinor: 500_00, closedAt: null }),
    deal('renewal', { kind: 'renewal', amountMinor: 300_00, closedAt: '2025-06-01T00:00:00Z' }),
    deal('not-ours', { amountMinor: 9_999_00 }),
  ],
  touchpoints: [
    { dealId: 'sourced-won', participantId: 'nw', kind: 'sourced', occurredAt: '2025-01-20T00:00:00Z' },
    {
      dealId: 'sourced-won',
      participantId: 'nw',
      kind: 'implementation',
      occurredAt: '2025-02-01T00:00:00Z',
    },
    { dealId: 'sourced-won', participantId: 'direct', kind: 'demo', occurredAt: '2025-01-25T00:00:00Z' },
    {
      dealId: 'influenced-open',
      participantId: 'nw',
      kind: 'co_sell_meeting',
      occurredAt: '2025-02-01T00:00:00Z',
    },
    { dealId: 'renewal', participantId: 'nw', kind: 'renewal_support', occurredAt: '2025-05-01T00:00:00Z' },
    { dealId: 'not-ours', participantId: 'other', kind: 'sourced', occurredAt: '2025-01-03T00:00:00Z' },
  ],
  ...overrides,
});

describe('partner value', () => {
  it('When a partner sources, co-sells and supports a renewal, then each counts where it belongs and nothing double counts', () => {
    expect(computePartnerValue(input())).toEqual({
      partnerId: 'nw',
      activation: {
        firstRegistrationAt: '2025-01-11T00:00:00.000Z',
        daysToFirstRegistration: 10,
        firstWonDealAt: '2025-02-15T00:00:00.000Z',
        daysToFirstWonDeal: 45,
      },
      sourcedPipelineMinor: 1_000_00,
      influencedPipelineMinor: 800_00,
      sourcedRevenueMinor: 1_000_00,
      influencedRevenueMinor: 300_00,
      wonDeals: 2,
      renewalsSupported: { deals: 1, amountMinor: 300_00 },
      adoptionSupportedDeals: 1,
      coSellDeals: 1,
      coDeliveryDeals: 1,
    });
  });

  it('When a partner has not registered or won anything yet, then activation is null rather than zero', () => {
    const value = computePartnerValue(input({ registrations: [], touchpoints: [] }));
    expect(value.activation).toEqual({
      firstRegistrationAt: null,
      daysToFirstRegistration: null,
      firstWonDealAt: null,
      daysToFirstWonDeal: null,
    });
    expect(value.sourcedPipelineMinor + value.influencedPipelineMinor).toBe(0);
  });
});
