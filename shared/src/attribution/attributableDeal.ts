import { DomainError } from '../errors/index.js';
import type { TouchKind, Touchpoint, TouchSource } from './touchpoint.js';

/**
 * The engines' view of a touch: times are epoch milliseconds so a hundred thousand deals can be
 * attributed without parsing a date per comparison.
 */
export type AttributionTouch = {
  id: string;
  participantId: string;
  kind: TouchKind;
  occurredAtMs: number;
  /** Where the touch was learned from; absent (a CSV, a benchmark) counts as the company's own record. */
  source?: TouchSource;
};

export type DealOutcome = 'open' | 'won' | 'lost';

/** A deal as the attribution engines see it. `closedAtMs` is the expected close date for open deals. */
export type AttributableDeal = {
  id: string;
  amountMinor: number;
  closedAtMs: number;
  outcome: DealOutcome;
  touches: readonly AttributionTouch[];
};

export const toAttributionTouch = (touchpoint: Touchpoint): AttributionTouch => ({
  id: touchpoint.id,
  participantId: touchpoint.participantId,
  kind: touchpoint.kind,
  occurredAtMs: Date.parse(touchpoint.occurredAt),
  source: touchpoint.source,
});

/** Builds the engines' deal from a stored deal's facts and its (already deduplicated) touchpoints. */
export const toAttributableDeal = (
  deal: { id: string; amountMinor: number; closedAt: string; outcome: DealOutcome },
  touchpoints: readonly Touchpoint[],
): AttributableDeal => {
  const closedAtMs = Date.parse(deal.closedAt);
  if (Number.isNaN(closedAtMs)) {
    throw new DomainError('ATTRIBUTION.INVALID_INPUT', `Deal ${deal.id} has no valid close date`, {
      details: { closedAt: deal.closedAt },
    });
  }
  return {
    id: deal.id,
    amountMinor: deal.amountMinor,
    closedAtMs,
    outcome: deal.outcome,
    touches: touchpoints.filter((touch) => touch.dealId === deal.id).map(toAttributionTouch),
  };
};
