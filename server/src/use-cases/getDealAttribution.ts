import {
  DIRECT_PARTICIPANT_ID,
  formatShareBp,
  type AttributionAdjustment,
  type Dispute,
  type DisputeRemedy,
  type DisputeState,
  type IgnoredTouch,
  type TouchKind,
} from '@entente/shared/attribution';
import { CommonErrors } from '@entente/shared/errors';
import type { Deal } from '@entente/shared/domain';
import type { AppContext } from '../appContext.js';
import type { AttributionSettings } from '../store/repositories/attribution/attributionSettings.js';
import type { StoredAttribution } from '../store/repositories/attribution/dealAttributions.js';
import type { AttributionHistoryEntry } from '../store/repositories/attribution/history.js';
import { participantNames } from './attribution/attributableDeals.js';
import { computeAttribution, type ComputedAttribution } from './attribution/computeAttribution.js';

export type SplitView = {
  participantId: string;
  participantName: string;
  participantKind: 'partner' | 'direct';
  shareBp: number;
  /** "60%", "33.33%". */
  share: string;
  amountMinor: number;
  explanation: string;
  contributions: {
    touchpointId: string;
    kind: TouchKind;
    occurredAt: string;
    label: string;
    shareBp: number;
    /** A partner-reported touch counted in part until confirmed: the share the model gave it. */
    reportedShareBp?: number;
    /** On the direct team's split: the partner whose unconfirmed report this part is held from. */
    heldBackFrom?: string;
  }[];
};

export type DisputeView = {
  id: string;
  dealId: string;
  participantId: string;
  raisedBy: Dispute['raisedBy'];
  reason: string;
  state: DisputeState;
  openedAt: string;
  deadline: string;
  adjudicatorId: string | null;
  outcomeReason: string | null;
  /** What upholding it does (named by the raiser, or by the adjudicator when upheld). */
  remedy: DisputeRemedy | null;
  /** The attribution revision its upholding created. */
  appliedRevision: number | null;
};

/** One line of why the deal's credit is what it is, oldest first. */
export type CreditHistoryView = { at: string; kind: AttributionHistoryEntry['kind']; line: string };

/**
 * What the deal card shows: the split, why, any dispute, and the history of what changed the
 * credit. A won deal shows its credit of record; an open or lost deal shows what the current
 * settings would credit today ("provisional").
 */
export type DealAttributionView = {
  dealId: string;
  status: 'finalised' | 'provisional';
  model: string;
  settingsVersion: number;
  revision: number | null;
  finalisedAt: string | null;
  amountMinor: number;
  currency: string;
  splits: SplitView[];
  ignored: IgnoredTouch[];
  fallback: string | null;
  /** For a renewal: whether it inherited from its original; `no_original` when none was found. */
  inheritance: { mode: 'inherited' | 'fresh' | 'no_original'; originalDealId: string | null } | null;
  /** Set when an upheld dispute decided this credit (a split, or a model for this deal). */
  adjustment: AttributionAdjustment | null;
  disputes: DisputeView[];
  /**
   * What changed the deal's credit and why: finalisations, sourcing credit given and withdrawn,
   * upheld disputes.
   */
  history: CreditHistoryView[];
};

export const getDealAttribution = async (
  ctx: AppContext,
  tenantId: string,
  dealId: string,
): Promise<DealAttributionView> => {
  const tenant = ctx.store.forTenant(tenantId);
  const deal = await tenant.deals.get(dealId);
  if (!deal) throw CommonErrors.notFound(`Deal ${dealId}`);
  const [finalised, disputes, nameOf, history] = await Promise.all([
    tenant.attribution.dealAttributions.get(dealId),
    tenant.attribution.disputes.listByDeal(dealId),
    participantNames(tenant),
    tenant.attribution.history.listByDeal(dealId),
  ]);
  const settings = await tenant.attribution.settings.current();
  const result: ComputedAttribution =
    finalised?.result ?? (await computeAttribution(tenant, deal, settings, ctx.now()));
  return toDealAttributionView({ deal, finalised, settings, result, disputes, nameOf, history });
};

/** The view of a deal's credit, from its finalised split or the provisional one computed now. */
export const toDealAttributionView = ({
  deal,
  finalised,
  settings,
  result,
  disputes,
  nameOf,
  history,
}: {
  deal: Pick<Deal, 'id' | 'currency'>;
  finalised: StoredAttribution | undefined;
  settings: Pick<AttributionSettings, 'version'>;
  result: ComputedAttribution;
  disputes: readonly Dispute[];
  nameOf: (id: string) => string;
  history: readonly AttributionHistoryEntry[];
}): DealAttributionView => ({
  dealId: deal.id,
  status: finalised ? 'finalised' : 'provisional',
  model: result.model,
  settingsVersion: finalised?.settingsVersion ?? settings.version,
  revision: finalised?.revision ?? null,
  finalisedAt: finalised?.finalisedAt ?? null,
  amountMinor: result.amountMinor,
  currency: finalised?.currency ?? deal.currency,
  splits: result.splits.map((split) => toSplitView(split, nameOf)),
  ignored: result.ignored,
  fallback: result.fallback ?? null,
  inheritance:
    'inheritance' in result ? { mode: result.inheritance, originalDealId: result.originalDealId } : null,
  adjustment: result.adjustment ?? null,
  disputes: disputes.map(toDisputeView),
  history: history.map(({ at, kind, line }) => ({ at, kind, line })),
});

export const toSplitView = (
  split: ComputedAttribution['splits'][number],
  nameOf: (id: string) => string,
): SplitView => ({
  participantId: split.participantId,
  participantName: nameOf(split.participantId),
  participantKind: split.participantId === DIRECT_PARTICIPANT_ID ? 'direct' : 'partner',
  shareBp: split.shareBp,
  share: formatShareBp(split.shareBp),
  amountMinor: split.amountMinor,
  explanation: split.explanation,
  contributions: split.contributions.map((c) => ({
    touchpointId: c.touchpointId,
    kind: c.kind,
    occurredAt: new Date(c.occurredAtMs).toISOString(),
    label: c.label,
    shareBp: c.shareBp,
    ...(c.reportedShareBp === undefined ? {} : { reportedShareBp: c.reportedShareBp }),
    ...(c.heldBackFrom === undefined ? {} : { heldBackFrom: c.heldBackFrom }),
  })),
});

export const toDisputeView = (dispute: Dispute): DisputeView => ({
  id: dispute.id,
  dealId: dispute.dealId,
  participantId: dispute.participantId,
  raisedBy: dispute.raisedBy,
  reason: dispute.reason,
  state: dispute.state,
  openedAt: dispute.openedAt,
  deadline: dispute.deadline,
  adjudicatorId: dispute.adjudicatorId,
  outcomeReason: dispute.outcomeReason,
  remedy: dispute.remedy,
  appliedRevision: dispute.appliedRevision,
});
