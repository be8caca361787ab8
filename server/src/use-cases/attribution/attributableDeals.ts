import {
  DIRECT_PARTICIPANT_ID,
  toAttributableDeal,
  type AttributableDeal,
  type Touchpoint,
} from '@entente/shared/attribution';
import type { Deal } from '@entente/shared/domain';
import type { TenantStore } from '../../store/store.js';

/**
 * A CRM close date is a calendar day; touches logged that day count as before the close, so the
 * deal closes at the end of it (UTC). An open deal without an expected close date is "now".
 */
export const closedAtOf = (deal: Pick<Deal, 'closeDate'>, now: Date): string =>
  deal.closeDate ? `${deal.closeDate}T23:59:59.999Z` : now.toISOString();

export const toStoredAttributableDeal = (
  deal: Deal,
  touchpoints: readonly Touchpoint[],
  now: Date,
): AttributableDeal =>
  toAttributableDeal(
    {
      id: deal.id,
      amountMinor: deal.amountMinor,
      closedAt: closedAtOf(deal, now),
      outcome: deal.stageCategory,
    },
    touchpoints,
  );

/** Every deal of the tenant, page by page, keyed by id. */
export const loadAllDeals = async (tenant: TenantStore): Promise<Deal[]> => {
  const deals: Deal[] = [];
  for (let page = await tenant.deals.list(); page.length > 0;) {
    deals.push(...page);
    page = await tenant.deals.list({ after: page.at(-1)?.id ?? '' });
  }
  return deals;
};

export const loadAllTouchpoints = async (tenant: TenantStore): Promise<Touchpoint[]> => {
  const touchpoints: Touchpoint[] = [];
  for (let page = await tenant.attribution.touchpoints.list(); page.length > 0;) {
    touchpoints.push(...page);
    page = await tenant.attribution.touchpoints.list({ after: page.at(-1)?.id ?? '' });
  }
  return touchpoints;
};

export const groupByDeal = (touchpoints: readonly Touchpoint[]): Map<string, Touchpoint[]> => {
  const byDeal = new Map<string, Touchpoint[]>();
  for (const touch of touchpoints) {
    const list = byDeal.get(touch.dealId);
    if (list) list.push(touch);
    else byDeal.set(touch.dealId, [touch]);
  }
  return byDeal;
};

/** The tenant's deals in the engines' shape; `closedOnly` keeps won and lost deals (data-driven history). */
export const loadAttributableDeals = async (
  tenant: TenantStore,
  now: Date,
  { closedOnly = false }: { closedOnly?: boolean } = {},
): Promise<AttributableDeal[]> => {
  const [deals, touchpoints] = await Promise.all([loadAllDeals(tenant), loadAllTouchpoints(tenant)]);
  const byDeal = groupByDeal(touchpoints);
  return deals
    .filter((deal) => !closedOnly || deal.stageCategory !== 'open')
    .map((deal) => toStoredAttributableDeal(deal, byDeal.get(deal.id) ?? [], now));
};

/** Partner names for explanations; the direct team reads as "Direct team". */
export const participantNames = async (tenant: TenantStore): Promise<(id: string) => string> => {
  const names = new Map((await tenant.partners.list()).map((p) => [p.id, p.name]));
  names.set(DIRECT_PARTICIPANT_ID, 'Direct team');
  return (id) => names.get(id) ?? id;
};
