import { isDisputeClosed, type Dispute } from '@entente/shared/attribution';
import type { Deal, Partner, User } from '@entente/shared/domain';
import { CommonErrors } from '@entente/shared/errors';
import { canAdjudicate } from '@entente/shared/governance';
import type { AppContext } from '../appContext.js';
import type { StoredAttribution } from '../store/repositories/attribution/dealAttributions.js';
import type { TenantStore } from '../store/store.js';
import type { AdjudicationAction } from './adjudicateAttributionDispute.js';
import { participantNames } from './attribution/attributableDeals.js';
import { disputeStakes, neutralityRefusal } from './attribution/disputeStakes.js';
import { remedied } from './attribution/remedies.js';
import { toDisputeView, toSplitView, type DisputeView, type SplitView } from './getDealAttribution.js';

/** A dispute as a reviewer sees it: what it asks, and what the reviewer may do about it now. */
export type ReviewDisputeView = DisputeView & {
  /** What the reviewer may do now; empty when the dispute is decided or they may not decide it. */
  actions: AdjudicationAction[];
  /** Why they may not decide it (a stake, no adjudicating role, the deadline passed); null otherwise. */
  blockedReason: string | null;
};

export type DealDisputesView = {
  dealId: string;
  /** The revision of the credit the disputes are about. */
  revision: number;
  splits: SplitView[];
  disputes: (ReviewDisputeView & {
    /** The split upholding its remedy would give, worked out now; null without a remedy or once decided. */
    proposed: SplitView[] | null;
  })[];
};

const ROLE_REFUSAL = 'Disputes are decided by a partner manager, deal desk member or admin';

/** The actions the lifecycle allows now, unless the user has a stake or no adjudicating role. */
const reviewOf = (
  dispute: Dispute,
  context: {
    user: User | undefined;
    deal: Deal;
    finalised: StoredAttribution;
    touchedBy: string[];
    partners: readonly Partner[];
    now: Date;
  },
): ReviewDisputeView => {
  const view = toDisputeView(dispute);
  if (isDisputeClosed(dispute)) return { ...view, actions: [], blockedReason: null };
  if (context.now.getTime() >= Date.parse(dispute.deadline))
    return {
      ...view,
      actions: [],
      blockedReason: `Its deadline ${dispute.deadline} has passed; it expires undecided`,
    };
  const { user, deal, finalised, touchedBy, partners } = context;
  const participants = [...finalised.result.splits.map((s) => s.participantId), ...touchedBy];
  const blockedReason = !user?.active
    ? 'Only an active internal user can adjudicate a dispute'
    : (neutralityRefusal(user.id, disputeStakes(deal, dispute, participants, partners)) ??
      (canAdjudicate(user) ? null : ROLE_REFUSAL));
  const actions: AdjudicationAction[] =
    blockedReason !== null ? [] : dispute.state === 'open' ? ['start_review'] : ['uphold', 'reject'];
  return { ...view, actions, blockedReason };
};

type DealContext = { deal: Deal; finalised: StoredAttribution; touchedBy: string[] };

const loadDealContext = async (tenant: TenantStore, dealId: string): Promise<DealContext | undefined> => {
  const [deal, finalised, touchpoints] = await Promise.all([
    tenant.deals.get(dealId),
    tenant.attribution.dealAttributions.get(dealId),
    tenant.attribution.touchpoints.listByDeal(dealId),
  ]);
  if (!deal || !finalised) return undefined;
  return { deal, finalised, touchedBy: [...new Set(touchpoints.map((t) => t.participantId))] };
};

/**
 * A deal's disputes for the reviewer in front of them: the credit they are about, each dispute with
 * its remedy and what upholding it would give, and what this reviewer may do (or why not).
 * `state: 'live'` keeps those still waiting for a decision.
 */
export const listDealDisputes = async (
  ctx: AppContext,
  tenantId: string,
  userId: string,
  dealId: string,
  { state = 'all' }: { state?: 'live' | 'all' } = {},
): Promise<DealDisputesView> => {
  const tenant = ctx.store.forTenant(tenantId);
  const [context, disputes, user, partners, settings, nameOf] = await Promise.all([
    loadDealContext(tenant, dealId),
    tenant.attribution.disputes.listByDeal(dealId),
    tenant.users.get(userId),
    tenant.partners.list(),
    tenant.attribution.settings.current(),
    participantNames(tenant),
  ]);
  if (!context) throw CommonErrors.notFound(`Disputes of deal ${dealId}`);
  const now = ctx.now();
  const shown = disputes.filter((d) => state === 'all' || !isDisputeClosed(d));
  return {
    dealId,
    revision: context.finalised.revision,
    splits: context.finalised.result.splits.map((s) => toSplitView(s, nameOf)),
    disputes: await Promise.all(
      shown.map(async (dispute) => {
        const proposed =
          dispute.remedy && !isDisputeClosed(dispute)
            ? (
                await remedied(tenant, {
                  ...context,
                  settings,
                  disputeId: dispute.id,
                  remedy: dispute.remedy,
                  now,
                })
              ).splits.map((s) => toSplitView(s, nameOf))
            : null;
        return { ...reviewOf(dispute, { ...context, user, partners, now }), proposed };
      }),
    ),
  };
};

/**
 * Every dispute of the tenant still waiting for a decision, soonest deadline first, with what the
 * reviewer may do about each: the queue a reviewer works from.
 */
export const listLiveDisputes = async (
  ctx: AppContext,
  tenantId: string,
  userId: string,
): Promise<{ disputes: ReviewDisputeView[] }> => {
  const tenant = ctx.store.forTenant(tenantId);
  const [disputes, user, partners] = await Promise.all([
    tenant.attribution.disputes.listLive(),
    tenant.users.get(userId),
    tenant.partners.list(),
  ]);
  const now = ctx.now();
  const contexts = new Map<string, DealContext | undefined>();
  for (const dealId of new Set(disputes.map((d) => d.dealId)))
    contexts.set(dealId, await loadDealContext(tenant, dealId));
  return {
    disputes: disputes.flatMap((dispute) => {
      const context = contexts.get(dispute.dealId);
      return context ? [reviewOf(dispute, { ...context, user, partners, now })] : [];
    }),
  };
};
