import type { AppContext } from '../../appContext.js';
import { reportPartnerTouchpoints, type PartnerTouchReport } from '../reportPartnerTouchpoints.js';
import { isPartnersOwnTouch, partnerTouchReportView, type PartnerTouchReportView } from './partnerViews.js';

/**
 * A partner reports touches and hears back only about its own reports. The touches others recorded
 * on the same deals are read before recording (a record the report replaces is gone afterwards)
 * and after it (a record kept in the report's place), so none of their ids reaches the partner.
 */
export const reportTouchpointsAsPartner = async (
  ctx: AppContext,
  tenantId: string,
  partnerId: string,
  reports: readonly PartnerTouchReport[],
): Promise<PartnerTouchReportView> => {
  const touchpoints = ctx.store.forTenant(tenantId).attribution.touchpoints;
  const dealIds = [...new Set(reports.map((report) => report.dealId))];
  const foreignIds = async () =>
    (await touchpoints.listByDeals(dealIds))
      .filter((touch) => !isPartnersOwnTouch(touch, partnerId))
      .map((touch) => touch.id);
  const before = await foreignIds();
  const result = await reportPartnerTouchpoints(ctx, tenantId, partnerId, reports);
  const foreign = new Set([...before, ...(await foreignIds())]);
  return partnerTouchReportView(partnerId, reports, result, foreign);
};
