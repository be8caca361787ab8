import type { DealOutcome } from '../attribution/attributableDeal.js';
import { DIRECT_PARTICIPANT_ID, sourcingKinds, type TouchKind } from '../attribution/touchpoint.js';

export type ValueDeal = {
  id: string;
  amountMinor: number;
  outcome: DealOutcome;
  /** A renewal of an earlier deal, or new business. */
  kind: 'new' | 'renewal';
  closedAt: string | null;
};
export type ValueTouch = { dealId: string; participantId: string; kind: TouchKind; occurredAt: string };
export type ValueRegistration = { partnerId: string; submittedAt: string };

export type PartnerValueInput = {
  partnerId: string;
  joinedAt: string;
  registrations: readonly ValueRegistration[];
  deals: readonly ValueDeal[];
  touchpoints: readonly ValueTouch[];
};

/**
 * What a partner is worth to the program beyond the revenue it books. Pipeline counts deals of any
 * outcome, revenue only won ones; "sourced" means the partner sourced or referred the deal,
 * "influenced" that it touched the deal without sourcing it, so the two never double count.
 */
export type PartnerValue = {
  partnerId: string;
  activation: {
    firstRegistrationAt: string | null;
    daysToFirstRegistration: number | null;
    firstWonDealAt: string | null;
    daysToFirstWonDeal: number | null;
  };
  sourcedPipelineMinor: number;
  influencedPipelineMinor: number;
  sourcedRevenueMinor: number;
  influencedRevenueMinor: number;
  wonDeals: number;
  /** Won renewals the partner supported (renewal_support touch). */
  renewalsSupported: { deals: number; amountMinor: number };
  /** Won deals where the partner delivered implementation work, which is what drives adoption. */
  adoptionSupportedDeals: number;
  /** Deals with at least one co-sell meeting by the partner. */
  coSellDeals: number;
  /** Deals where the partner delivered implementation work and the direct team was also involved. */
  coDeliveryDeals: number;
};

const DAY_MS = 86_400_000;

export const computePartnerValue = (input: PartnerValueInput): PartnerValue => {
  const { partnerId } = input;
  const joinedMs = Date.parse(input.joinedAt);
  const kindsByDeal = new Map<string, Set<TouchKind>>();
  const directDeals = new Set<string>();
  for (const touch of input.touchpoints) {
    if (touch.participantId === DIRECT_PARTICIPANT_ID) directDeals.add(touch.dealId);
    if (touch.participantId !== partnerId) continue;
    const kinds = kindsByDeal.get(touch.dealId) ?? new Set<TouchKind>();
    kinds.add(touch.kind);
    kindsByDeal.set(touch.dealId, kinds);
  }

  const value: PartnerValue = {
    partnerId,
    activation: {
      firstRegistrationAt: null,
      daysToFirstRegistration: null,
      firstWonDealAt: null,
      daysToFirstWonDeal: null,
    },
    sourcedPipelineMinor: 0,
    influencedPipelineMinor: 0,
    sourcedRevenueMinor: 0,
    influencedRevenueMinor: 0,
    wonDeals: 0,
    renewalsSupported: { deals: 0, amountMinor: 0 },
    adoptionSupportedDeals: 0,
    coSellDeals: 0,
    coDeliveryDeals: 0,
  };
  let firstWonMs = Infinity;
  for (const deal of input.deals) {
    const kinds = kindsByDeal.get(deal.id);
    if (!kinds) continue;
    const won = deal.outcome === 'won';
    const sourced = [...kinds].some((kind) => sourcingKinds.has(kind));
    if (sourced) value.sourcedPipelineMinor += deal.amountMinor;
    else value.influencedPipelineMinor += deal.amountMinor;
    if (kinds.has('co_sell_meeting')) value.coSellDeals += 1;
    if (kinds.has('implementation') && directDeals.has(deal.id)) value.coDeliveryDeals += 1;
    if (!won) continue;
    value.wonDeals += 1;
    if (sourced) value.sourcedRevenueMinor += deal.amountMinor;
    else value.influencedRevenueMinor += deal.amountMinor;
    if (kinds.has('implementation')) value.adoptionSupportedDeals += 1;
    if (deal.kind === 'renewal' && kinds.has('renewal_support')) {
      value.renewalsSupported.deals += 1;
      value.renewalsSupported.amountMinor += deal.amountMinor;
    }
    if (deal.closedAt !== null) firstWonMs = Math.min(firstWonMs, Date.parse(deal.closedAt));
  }

  const firstRegistrationMs = Math.min(
    ...input.registrations.filter((r) => r.partnerId === partnerId).map((r) => Date.parse(r.submittedAt)),
  );
  if (Number.isFinite(firstRegistrationMs)) {
    value.activation.firstRegistrationAt = new Date(firstRegistrationMs).toISOString();
    value.activation.daysToFirstRegistration = daysBetween(joinedMs, firstRegistrationMs);
  }
  if (Number.isFinite(firstWonMs)) {
    value.activation.firstWonDealAt = new Date(firstWonMs).toISOString();
    value.activation.daysToFirstWonDeal = daysBetween(joinedMs, firstWonMs);
  }
  return value;
};

/** Whole and fractional days, to one decimal, never negative (a deal registered before joining counts as day 0). */
const daysBetween = (fromMs: number, toMs: number): number =>
  Math.max(0, Math.round(((toMs - fromMs) / DAY_MS) * 10) / 10);
