import type { AttributionAdjustment, DealAttribution } from './attributeDeal.js';
import type { SplitRemedy } from './dispute.js';
import { formatShareBp } from './explain.js';
import { allocateLargestRemainder } from './largestRemainder.js';
import { DIRECT_PARTICIPANT_ID } from './touchpoint.js';

const FULL = 10_000;

type Resolved = {
  participantId: string;
  shareBp: number;
  wasBp: number | null;
  how: 'named' | 'rescaled' | 'unassigned';
};

/**
 * Applies an upheld split remedy to the deal's current split. Named participants get their shares;
 * what they leave goes to the others in proportion to what they had (largest remainder, ties to the
 * one listed first), or to the direct team when nobody else had a share. Everyone who was on the
 * split stays on it, with what they had before in the explanation.
 */
export const applySplitRemedy = (
  current: DealAttribution,
  remedy: SplitRemedy,
  { disputeId, nameOf = (id) => id }: { disputeId: string; nameOf?: (id: string) => string },
): DealAttribution & { adjustment: AttributionAdjustment } => {
  const named = new Map(remedy.shares.map((share) => [share.participantId, Math.round(share.percent * 100)]));
  const was = new Map(current.splits.map((split) => [split.participantId, split.shareBp]));
  const resolved: Resolved[] = current.splits.map((split) => ({
    participantId: split.participantId,
    shareBp: named.get(split.participantId) ?? 0,
    wasBp: split.shareBp,
    how: named.has(split.participantId) ? 'named' : 'rescaled',
  }));
  for (const [participantId, shareBp] of named)
    if (!was.has(participantId)) resolved.push({ participantId, shareBp, wasBp: null, how: 'named' });

  const left = FULL - [...named.values()].reduce((sum, bp) => sum + bp, 0);
  const others = resolved.filter((r) => r.how === 'rescaled' && (r.wasBp ?? 0) > 0);
  if (left > 0 && others.length > 0) {
    const given = allocateLargestRemainder(
      left,
      others.map((r) => r.wasBp ?? 0),
    );
    others.forEach((r, i) => (r.shareBp = given[i] as number));
  } else if (left > 0) {
    const direct = resolved.find((r) => r.participantId === DIRECT_PARTICIPANT_ID);
    if (direct) {
      direct.shareBp += left;
      if (direct.how === 'rescaled') direct.how = 'unassigned';
    } else
      resolved.push({ participantId: DIRECT_PARTICIPANT_ID, shareBp: left, wasBp: null, how: 'unassigned' });
  }

  const amounts = allocateLargestRemainder(
    current.amountMinor,
    resolved.map((r) => r.shareBp),
  );
  const before = (r: Resolved) => `was ${formatShareBp(r.wasBp ?? 0)}`;
  return {
    dealId: current.dealId,
    model: current.model,
    amountMinor: current.amountMinor,
    splits: resolved.map((r, i) => {
      const head = `${nameOf(r.participantId)} ${formatShareBp(r.shareBp)}`;
      const explanation =
        r.how === 'named'
          ? `${head}: set by the upheld dispute ${disputeId} (${before(r)})`
          : r.how === 'unassigned'
            ? `${head}: keeps what the upheld dispute ${disputeId} left unassigned (${before(r)})`
            : `${head}: rescaled in proportion after the upheld dispute ${disputeId} set the named shares (${before(r)})`;
      return {
        participantId: r.participantId,
        shareBp: r.shareBp,
        amountMinor: amounts[i] as number,
        // The adjudicated share is not any touch's credit, so no touch is listed as its reason.
        contributions: [],
        explanation,
      };
    }),
    ignored: current.ignored,
    adjustment: {
      kind: 'split',
      disputeId,
      shares: resolved.map((r) => ({ participantId: r.participantId, shareBp: r.shareBp })),
    },
  };
};

/** The same split over another amount (the deal's amount changed after the credit was adjudicated). */
export const reallocateAmount = <T extends DealAttribution>(attribution: T, amountMinor: number): T => {
  if (amountMinor === attribution.amountMinor) return attribution;
  const amounts = allocateLargestRemainder(
    amountMinor,
    attribution.splits.map((split) => split.shareBp),
  );
  return {
    ...attribution,
    amountMinor,
    splits: attribution.splits.map((split, i) => ({ ...split, amountMinor: amounts[i] as number })),
  };
};
