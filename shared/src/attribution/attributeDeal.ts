import { DomainError } from '../errors/index.js';
import type { AttributableDeal, AttributionTouch } from './attributableDeal.js';
import { explainSplit } from './explain.js';
import { allocateLargestRemainder, toIntegerWeights } from './largestRemainder.js';
import type { ModelConfig, ModelName } from './modelConfig.js';
import type { AttributionModel, ModelInput } from './models/modelTypes.js';
import {
  defaultPartnerReportedPolicy,
  partnerReportedWeightBp,
  type PartnerReportedPolicy,
} from './provenance.js';
import { DIRECT_PARTICIPANT_ID, sourcingKinds, touchKinds, type TouchKind } from './touchpoint.js';

/** Shares are basis points (1/100 of a percent); a deal's shares always add up to exactly 10,000. */
export const FULL_SHARE_BP = 10_000;

export type TouchContribution = {
  touchpointId: string;
  kind: TouchKind;
  occurredAtMs: number;
  /** Why the model weighed this touch, e.g. "first touch"; "" when the model gives no reason per touch. */
  label: string;
  shareBp: number;
  /**
   * On a partner-reported touch the policy does not fully count yet: the share the model gave it.
   * `shareBp` is then the part the partner keeps until the report is confirmed.
   */
  reportedShareBp?: number;
  /** On the direct team's split: the partner whose unconfirmed report this part is held back from. */
  heldBackFrom?: string;
};

export type AttributionSplit = {
  participantId: string;
  shareBp: number;
  amountMinor: number;
  contributions: TouchContribution[];
  explanation: string;
};

export type IgnoredTouch = { touchpointId: string; reason: string };

/**
 * Why a deal's credit is not what its settings' model gives: an upheld dispute set it. Kept with the
 * split, so finalising the deal again keeps the adjudicated credit: a split stays as decided (only
 * the money follows a new amount), a model stays the deal's model.
 */
export type AttributionAdjustment =
  | {
      kind: 'split';
      disputeId: string;
      shares: { participantId: string; shareBp: number }[];
    }
  | { kind: 'model'; disputeId: string; model: ModelConfig };

export type DealAttribution = {
  dealId: string;
  model: ModelName;
  amountMinor: number;
  /** In first-touch order; the order also breaks rounding ties. */
  splits: AttributionSplit[];
  ignored: IgnoredTouch[];
  /** Set when the model fell back to an equal split, with the reason. */
  fallback?: string;
  /** Set when an upheld dispute decided this credit rather than the settings' model alone. */
  adjustment?: AttributionAdjustment;
};

export type AttributeOptions = {
  /** Display names for explanations; the participant id is used when a name is missing. */
  nameOf?: (participantId: string) => string;
  /** How much partner-reported touches count before they are confirmed; half by default. */
  partnerReported?: PartnerReportedPolicy;
};

/** Why a partner's report of its own sourcing is left out, whatever the model. */
export const PARTNER_SOURCING_NOT_CREDITED =
  'a partner cannot report its own sourcing: that credit comes from an approved registration or an internal user';

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
 * have influenced it (they count for the renewal instead). A partner's report of its own sourcing
 * is ignored, and a partner-reported touch keeps only the policy's weight of its credit until it is
 * confirmed; the rest is held by the direct team. A deal with no touches stays with the direct team.
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
    } else if (touch.source === 'partner_reported' && sourcingKinds.has(touch.kind)) {
      ignored.push({ touchpointId: touch.id, reason: PARTNER_SOURCING_NOT_CREDITED });
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
  const modelShares = shareTouches(
    touchWeights,
    output.participantWeights ? participantWeights : null,
    touchesOf,
  );
  const weightBp = partnerReportedWeightBp(options.partnerReported ?? defaultPartnerReportedPolicy);
  const discounted = touches.map(
    (touch) =>
      weightBp < FULL_SHARE_BP &&
      touch.source === 'partner_reported' &&
      touch.participantId !== DIRECT_PARTICIPANT_ID,
  );
  // The partner keeps the floor of its weighted share, so rounding never favours an unconfirmed claim.
  const held = modelShares.map((share, i) =>
    discounted[i] ? share - Math.floor((share * weightBp) / FULL_SHARE_BP) : 0,
  );
  const heldTouches = held.flatMap((bp, i) => (bp > 0 ? [i] : []));

  const participants = [...input.participants];
  if (heldTouches.length > 0 && !participants.includes(DIRECT_PARTICIPANT_ID))
    participants.push(DIRECT_PARTICIPANT_ID);
  const context = {
    modelTitle: model.title,
    reportedWeightBp: weightBp,
    nameOf,
    ...(output.fallback === undefined ? {} : { fallback: output.fallback }),
  };

  const contributionsOf = participants.map((participantId, p): TouchContribution[] => {
    const own = (touchesOf[p] ?? []).map((i): TouchContribution => {
      const touch = touches[i] as AttributionTouch;
      return {
        touchpointId: touch.id,
        kind: touch.kind,
        occurredAtMs: touch.occurredAtMs,
        label: output.labels[i] ?? '',
        shareBp: (modelShares[i] as number) - (held[i] as number),
        ...(discounted[i] ? { reportedShareBp: modelShares[i] as number } : {}),
      };
    });
    if (participantId !== DIRECT_PARTICIPANT_ID) return own;
    return [
      ...own,
      ...heldTouches.map((i): TouchContribution => {
        const touch = touches[i] as AttributionTouch;
        return {
          touchpointId: touch.id,
          kind: touch.kind,
          occurredAtMs: touch.occurredAtMs,
          label: output.labels[i] ?? '',
          shareBp: held[i] as number,
          heldBackFrom: touch.participantId,
        };
      }),
    ];
  });
  const shares = contributionsOf.map((mine) => mine.reduce((sum, c) => sum + c.shareBp, 0));
  // Held-back credit moves shares off the model's weights, so the money follows the final shares.
  const amounts = allocateLargestRemainder(
    deal.amountMinor,
    heldTouches.length > 0 ? shares : participantWeights,
  );

  const splits = participants.map((participantId, p): AttributionSplit => {
    const contributions = contributionsOf[p] as TouchContribution[];
    const shareBp = shares[p] as number;
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
      explanation: ignored.some((touch) => touch.reason === PARTNER_SOURCING_NOT_CREDITED)
        ? `${nameOf(DIRECT_PARTICIPANT_ID)} 100%: no partner touchpoint counts, so the direct team keeps the full credit; ${PARTNER_SOURCING_NOT_CREDITED}`
        : `${nameOf(DIRECT_PARTICIPANT_ID)} 100%: no partner touchpoint was recorded before the close, so the direct team keeps the full credit`,
    },
  ],
  ignored,
});
