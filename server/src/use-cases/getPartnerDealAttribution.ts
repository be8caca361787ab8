import { CommonErrors } from '@entente/shared/errors';
import type { AppContext } from '../appContext.js';
import { getDealAttribution } from './getDealAttribution.js';
import {
  isPartnersOwnTouch,
  partnerDealAttributionView,
  type PartnerDealAttributionView,
} from './partners/partnerViews.js';

export type { PartnerDealAttributionView, PartnerDisputeView } from './partners/partnerViews.js';

/**
 * A partner reads a deal only when it is part of it: it has a split, a touchpoint or a registration
 * on the deal. Otherwise the deal does not exist as far as the partner can tell (404), so deal ids
 * cannot be probed. What it then sees is its own share, built by `partnerDealAttributionView`.
 */
export const getPartnerDealAttribution = async (
  ctx: AppContext,
  tenantId: string,
  partnerId: string,
  dealId: string,
): Promise<PartnerDealAttributionView> => {
  const involvement = await involvementOf(ctx, tenantId, partnerId, dealId);
  if (!involvement.involved) throw CommonErrors.notFound(`Deal ${dealId}`);
  const view = await getDealAttribution(ctx, tenantId, dealId);
  return partnerDealAttributionView(view, partnerId, dealId, involvement.ownTouchIds);
};

const involvementOf = async (ctx: AppContext, tenantId: string, partnerId: string, dealId: string) => {
  const tenant = ctx.store.forTenant(tenantId);
  const [touchpoints, registrations, finalised] = await Promise.all([
    tenant.attribution.touchpoints.listByDeal(dealId),
    tenant.registrations.listByDeal(dealId),
    tenant.attribution.dealAttributions.get(dealId),
  ]);
  const involved =
    touchpoints.some((t) => t.participantId === partnerId) ||
    registrations.some((r) => r.partnerId === partnerId) ||
    (finalised?.result.splits.some((s) => s.participantId === partnerId) ?? false);
  const ownTouchIds = new Set(touchpoints.filter((t) => isPartnersOwnTouch(t, partnerId)).map((t) => t.id));
  return { involved, ownTouchIds };
};

export const partnerIsInvolved = async (
  ctx: AppContext,
  tenantId: string,
  partnerId: string,
  dealId: string,
): Promise<boolean> => (await involvementOf(ctx, tenantId, partnerId, dealId)).involved;
