import type { DisputeState } from '@entente/shared/attribution';
import { CommonErrors } from '@entente/shared/errors';
import type { AppContext } from '../appContext.js';
import { getDealAttribution, type SplitView } from './getDealAttribution.js';

export type PartnerDisputeView = {
  id: string;
  state: DisputeState;
  reason: string;
  openedAt: string;
  deadline: string;
  outcomeReason: string | null;
};

/** What a partner sees of a deal's credit: its own split and its disputes, never anyone else's. */
export type PartnerDealAttributionView = {
  dealId: string;
  status: 'finalised' | 'provisional';
  model: string;
  finalisedAt: string | null;
  currency: string;
  /** Null when the partner took part but the model credits it with nothing it could be shown. */
  split: SplitView | null;
  disputes: PartnerDisputeView[];
};

/**
 * A partner reads a deal only when it is part of it: it has a split, a touchpoint or a registration
 * on the deal. Otherwise the deal does not exist as far as the partner can tell (404), so deal ids
 * cannot be probed.
 */
export const getPartnerDealAttribution = async (
  ctx: AppContext,
  tenantId: string,
  partnerId: string,
  dealId: string,
): Promise<PartnerDealAttributionView> => {
  const notFound = CommonErrors.notFound(`Deal ${dealId}`);
  if (!(await partnerIsInvolved(ctx, tenantId, partnerId, dealId))) throw notFound;
  const view = await getDealAttribution(ctx, tenantId, dealId);
  const mine = view.splits.find((split) => split.participantId === partnerId);
  return {
    dealId,
    status: view.status,
    model: view.model,
    finalisedAt: view.finalisedAt,
    currency: view.currency,
    split: mine ?? null,
    disputes: view.disputes
      .filter((d) => d.participantId === partnerId)
      .map(({ id, state, reason, openedAt, deadline, outcomeReason }) => ({
        id,
        state,
        reason,
        openedAt,
        deadline,
        outcomeReason,
      })),
  };
};

export const partnerIsInvolved = async (
  ctx: AppContext,
  tenantId: string,
  partnerId: string,
  dealId: string,
): Promise<boolean> => {
  const tenant = ctx.store.forTenant(tenantId);
  const [touchpoints, registrations, finalised] = await Promise.all([
    tenant.attribution.touchpoints.listByDeal(dealId),
    tenant.registrations.listByDeal(dealId),
    tenant.attribution.dealAttributions.get(dealId),
  ]);
  return (
    touchpoints.some((t) => t.participantId === partnerId) ||
    registrations.some((r) => r.partnerId === partnerId) ||
    (finalised?.result.splits.some((s) => s.participantId === partnerId) ?? false)
  );
};
