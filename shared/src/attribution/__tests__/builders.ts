import type { AttributableDeal, AttributionTouch } from '../attributableDeal.js';
import type { TouchKind } from '../touchpoint.js';

export const DAY_MS = 86_400_000;
export const CLOSE = Date.parse('2025-06-30T12:00:00Z');

let sequence = 0;

/** A touch `daysBeforeClose` days before CLOSE. */
export const touch = (
  participantId: string,
  kind: TouchKind,
  daysBeforeClose: number,
  id?: string,
): AttributionTouch => ({
  id: id ?? `t${(sequence += 1)}`,
  participantId,
  kind,
  occurredAtMs: CLOSE - daysBeforeClose * DAY_MS,
});

export const buildDeal = (overrides: Partial<AttributableDeal> = {}): AttributableDeal => ({
  id: 'D-1',
  amountMinor: 1_000_00,
  closedAtMs: CLOSE,
  outcome: 'won',
  touches: [],
  ...overrides,
});

export const sharesOf = (attribution: {
  splits: { participantId: string; shareBp: number }[];
}): Record<string, number> =>
  Object.fromEntries(attribution.splits.map((split) => [split.participantId, split.shareBp]));

export const amountsOf = (attribution: {
  splits: { participantId: string; amountMinor: number }[];
}): Record<string, number> =>
  Object.fromEntries(attribution.splits.map((split) => [split.participantId, split.amountMinor]));
