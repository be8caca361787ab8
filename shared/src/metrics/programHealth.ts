import { DIRECT_PARTICIPANT_ID, sourcingKinds, type TouchKind } from '../attribution/touchpoint.js';
import { ACTIVATION_WINDOW_DAYS } from './definitions.js';
import { firstByPartner } from './friction.js';
import type { MetricDeal, MetricTouch, PartnerActivity, ProgramPartner } from './inputs.js';
import {
  daysBetween,
  inWindow,
  metric,
  medianOf,
  ratio,
  type MetricValue,
  type MetricWindow,
} from './metricValue.js';

/** The kinds of touch each deal got from partners (the direct team is not a partner here). */
const partnerKindsByDeal = (touchpoints: readonly MetricTouch[]): Map<string, Set<TouchKind>> => {
  const byDeal = new Map<string, Set<TouchKind>>();
  for (const touch of touchpoints) {
    if (touch.participantId === DIRECT_PARTICIPANT_ID) continue;
    const kinds = byDeal.get(touch.dealId) ?? new Set<TouchKind>();
    kinds.add(touch.kind);
    byDeal.set(touch.dealId, kinds);
  }
  return byDeal;
};

export const activationRate = (
  partners: readonly ProgramPartner[],
  activities: readonly PartnerActivity[],
  window: MetricWindow,
): MetricValue => {
  const firstRegistration = firstByPartner(activities.filter((a) => a.kind === 'registration'));
  const joined = partners.filter((p) => inWindow(p.joinedAt, window));
  const activated = joined.filter((p) => {
    const at = firstRegistration.get(p.id);
    return at !== undefined && daysBetween(p.joinedAt, at) <= ACTIVATION_WINDOW_DAYS;
  });
  return ratio('activation_rate', activated.length, joined.length);
};

export const partnerPipeline = (
  deals: readonly MetricDeal[],
  touchpoints: readonly MetricTouch[],
  window: MetricWindow,
): { sourced: MetricValue; influenced: MetricValue } => {
  const kindsByDeal = partnerKindsByDeal(touchpoints);
  let sourced = 0;
  let sourcedDeals = 0;
  let influenced = 0;
  let influencedDeals = 0;
  for (const deal of deals) {
    const kinds = kindsByDeal.get(deal.id);
    if (!kinds || !inWindow(deal.createdAt, window)) continue;
    if ([...kinds].some((kind) => sourcingKinds.has(kind))) {
      sourced += deal.amountMinor;
      sourcedDeals += 1;
    } else {
      influenced += deal.amountMinor;
      influencedDeals += 1;
    }
  }
  return {
    sourced: metric('sourced_pipeline', sourced, sourcedDeals),
    influenced: metric('influenced_pipeline', influenced, influencedDeals),
  };
};

const wonIn = (deals: readonly MetricDeal[], window: MetricWindow) =>
  deals.filter((d) => d.outcome === 'won' && inWindow(d.closedAt, window));

export const renewalContribution = (
  deals: readonly MetricDeal[],
  touchpoints: readonly MetricTouch[],
  window: MetricWindow,
): MetricValue => {
  const kindsByDeal = partnerKindsByDeal(touchpoints);
  const renewals = wonIn(deals, window).filter((d) => d.kind === 'renewal');
  const total = renewals.reduce((sum, d) => sum + d.amountMinor, 0);
  const supported = renewals
    .filter((d) => kindsByDeal.get(d.id)?.has('renewal_support'))
    .reduce((sum, d) => sum + d.amountMinor, 0);
  return {
    ...ratio('renewal_contribution', supported, total),
    sampleSize: renewals.length,
    breakdown: { supportedMinor: supported, totalMinor: total },
  };
};

/** Won deals closed in the window whose partner touches pass `counts`, over all won deals closed in it. */
const shareOfWonDeals =
  (
    id: 'adoption_contribution' | 'partner_attachment_rate',
    counts: (kinds: ReadonlySet<TouchKind> | undefined) => boolean,
  ) =>
  (deals: readonly MetricDeal[], touchpoints: readonly MetricTouch[], window: MetricWindow): MetricValue => {
    const kindsByDeal = partnerKindsByDeal(touchpoints);
    const won = wonIn(deals, window);
    return ratio(id, won.filter((d) => counts(kindsByDeal.get(d.id))).length, won.length);
  };

export const adoptionContribution = shareOfWonDeals(
  'adoption_contribution',
  (kinds) => kinds?.has('implementation') ?? false,
);

export const partnerAttachmentRate = shareOfWonDeals(
  'partner_attachment_rate',
  (kinds) => kinds !== undefined,
);
export const timeToFirstDeal = (
  partners: readonly ProgramPartner[],
  deals: readonly MetricDeal[],
  touchpoints: readonly MetricTouch[],
  window: MetricWindow,
): MetricValue => {
  const closedAt = new Map(
    deals.filter((d) => d.outcome === 'won' && d.closedAt !== null).map((d) => [d.id, d.closedAt as string]),
  );
  const wins: { partnerId: string; at: string }[] = [];
  for (const touch of touchpoints) {
    const at = closedAt.get(touch.dealId);
    if (at !== undefined && touch.participantId !== DIRECT_PARTICIPANT_ID)
      wins.push({ partnerId: touch.participantId, at });
  }
  const firstWin = firstByPartner(wins);
  const days: number[] = [];
  for (const partner of partners) {
    const at = firstWin.get(partner.id);
    if (at !== undefined && inWindow(at, window)) days.push(Math.max(0, daysBetween(partner.joinedAt, at)));
  }
  return medianOf('time_to_first_deal', days);
};
