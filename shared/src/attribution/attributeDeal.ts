import { DomainError } from '../errors/index.js';
import type { AttributableDeal, AttributionTouch } from './attributableDeal.js';
import { explainSplit } from './explain.js';
import { allocateLargestRemainder, toIntegerWeights } from './largestRemainder.js';
import type { ModelName } from './modelConfig.js';
import type { AttributionModel, ModelInput } from './models/modelTypes.js';
import { DIRECT_PARTICIPANT_ID, touchKinds, type TouchKind } from './touchpoint.js';

/** Shares are basis points (1/100 of a percent); a deal's shares always add up to exactly 10,000. */
export const FULL_SHARE_BP = 10_000;

export type TouchContribution = {
  touchpointId: string;
  kind: TouchKind;
  occurredAtMs: number;
  /** Why the model weighed this touch, e.g. "first touch"; "" when the model gives no reason per touch. */
  label: string;
  shareBp: number;
};

export type AttributionSplit = {
  participantId: string;
  shareBp: number;
  amountMinor: number;
  contributions: TouchContribution[];
  explanation: string;
};

export type IgnoredTouch = { touchpointId: string; reason: string };

export type DealAttribution = {
  dealId: string;
  model: ModelName;
  amountMinor: number;
  /** In first-touch order; the order also breaks rounding ties. */
  splits: AttributionSplit[];
  ignored: IgnoredTouch[];
  /** Set when the model fell back to an equal split, with the reason. */
  fallback?: string;
};

export type AttributeOptions = {
  /** Display names for explanations; the participant id is used when a name is missing. */
  nameOf?: (participantId: string) => string;
};

const kindOrder = Object.fromEntries(touchKinds.map((kind, i) => [kind, i])) as Record<TouchKind, number>;

/** Time order, then a fixed order of kinds and ids, so simultaneous touches always sort alike. */
export const compareTouches = (a: AttributionTouch, b: AttributionTouch): number =>
  a.occurredAtMs - b.occurredAtMs ||
  kindOrder[a.kind] - kindOrder[b.kind] ||
  (a.participantId < b.participantId ? -1 : a.participantId > b.participantId ? 1 : 0) ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Splits one deal's amount between its participants by a model, with the exact shares, the money
 * and a plain-language reason for each. A closed deal ignores touches after its close: they cannot
 * have influenced it (they count for the renewal instead). A deal with no touches stays with the
 * direct team.
 */
export const attributeDeal = (
  deal: AttributableDeal,
  model: AttributionModel,
  options: AttributeOptions = {},
): DealAttribution => {
  if (!Number.isSafeInteger(deal.amountMinor)) {
    throw new DomainError(
      'ATTRIBUTION.INVALID_INPUT',
      `Deal ${deal.id} has an amount that is not whole minor units`,
      {
        details: { amountMinor: deal.amountMinor },
      },
    );
  }
  const nameOf = options.nameOf ?? ((id: string) => id);
  const ignored: IgnoredTouch[] = [];
  const touches: AttributionTouch[] = [];
  for (const touch of deal.touches) {
    if (deal.outcome !== 'open' && touch.occurredAtMs > deal.closedAtMs) {
      ignored.push({ touchpointId: touch.id, reason: 'it happened after the deal closed' });
    } else touches.push(touch);
  }
  if (touches.length === 0) return directOnly(deal, model.name, ignored, nameOf);
  touches.sort(compareTouches);

  const input = modelInput(deal, touches);
  const output = model.credit(input);
  const touchesOf = touchesByParticipant(input);
  const touchWeights = toIntegerWeights(output.touchWeights);
  const participantWeights = output.participantWeights
    ? toIntegerWeights(output.participantWeights)
    : touchesOf.map((mine) => mine.reduce((sum, i) => sum + (touchWeights[i] as number), 0));
  const touchShares = shareTouches(
    touchWeights,
    output.participantWeights ? participantWeights : null,
    touchesOf,
  );
  const amounts = allocateLargestRemainder(deal.amountMinor, participantWeights);
  const context = {
    modelTitle: model.title,
    ...(output.fallback === undefined ? {} : { fallback: output.fallback }),
  };

  const splits = input.participants.map((participantId, p): AttributionSplit => {
    const mine = touchesOf[p] as number[];
    const contributions: TouchContribution[] = new Array(mine.length);
    let shareBp = 0;
    for (let k = 0; k < mine.length; k += 1) {
      const i = mine[k] as number;
      const touch = touches[i] as AttributionTouch;
      const touchShare = touchShares[i] as number;
      shareBp += touchShare;
      contributions[k] = {
        touchpointId: touch.id,
        kind: touch.kind,
        occurredAtMs: touch.occurredAtMs,
        label: output.labels[i] ?? '',
        shareBp: touchShare,
      };
    }
    const reason = output.participantReasons?.[p];
    return {
      participantId,
      shareBp,
      amountMinor: amounts[p] as number,
      contributions,
      explanation: explainSplit(
        nameOf(participantId),
        shareBp,
        contributions,
        reason === undefined ? context : { ...context, participantReason: reason },
      ),
    };
  });
  return {
    dealId: deal.id,
    model: model.name,
    amountMinor: deal.amountMinor,
    splits,
    ignored,
    ...(output.fallback === undefined ? {} : { fallback: output.fallback }),
  };
};

const modelInput = (deal: AttributableDeal, touches: readonly AttributionTouch[]): ModelInput => {
  const participants: string[] = [];
  const indexOf = new Map<string, number>();
  const touchOwner = touches.map((touch) => {
    let index = indexOf.get(touch.participantId);
    if (index === undefined) {
      index = participants.length;
      participants.push(touch.participantId);
      indexOf.set(touch.participantId, index);
    }
    return index;
  });
  return { deal, touches, participants, touchOwner };
};

/** For each participant, the indices of its touches in time order. */
const touchesByParticipant = (input: ModelInput): number[][] => {
  const lists: number[][] = input.participants.map(() => []);
  for (let i = 0; i < input.touchOwner.length; i += 1)
    (lists[input.touchOwner[i] as number] as number[]).push(i);
  return lists;
};

/**
 * Per-touch basis points. Touch-level models allocate the 10,000 across touches directly, so a
 * participant's share is the sum of its touches. Participant-level models allocate across
 * participants first and then split each participant's share among its own touches.
 */
const shareTouches = (
  touchWeights: readonly number[],
  participantWeights: readonly number[] | null,
  touchesOf: readonly number[][],
): number[] => {
  if (!participantWeights) return allocateLargestRemainder(FULL_SHARE_BP, touchWeights);
  const participantBp = allocateLargestRemainder(FULL_SHARE_BP, participantWeights);
  const shares = new Array<number>(touchWeights.length).fill(0);
  touchesOf.forEach((mine, p) => {
    const given = mine.map((i) => touchWeights[i] as number);
    const weights = given.some((w) => w > 0) ? given : given.map(() => 1);
    const split = allocateLargestRemainder(participantBp[p] as number, weights);
    for (let k = 0; k < mine.length; k += 1) shares[mine[k] as number] = split[k] as number;
  });
  return shares;
};

const directOnly = (
  deal: AttributableDeal,
  model: ModelName,
  ignored: IgnoredTouch[],
  nameOf: (id: string) => string,
): DealAttribution => ({
  dealId: deal.id,
  model,
  amountMinor: deal.amountMinor,
  splits: [
    {
      participantId: DIRECT_PARTICIPANT_ID,
      shareBp: FULL_SHARE_BP,
      amountMinor: deal.amountMinor,
      contributions: [],
      explanation: `${nameOf(DIRECT_PARTICIPANT_ID)} 100%: no partner touchpoint was recorded before the close, so the direct team keeps the full credit`,
    },
  ],
  ignored,
});
