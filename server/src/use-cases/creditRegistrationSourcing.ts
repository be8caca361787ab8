import type { AppContext } from '../appContext.js';
import { CREDITED_STATUSES, sourcedTouchpoint } from '@entente/shared/governance';
import { recordTouchpoints, type RecordedTouchpoints } from './recordTouchpoints.js';

/**
 * A partner whose registration was approved for a deal sourced that deal: record it as a `sourced`
 * touchpoint, through the same door as every other touch, so it is deduplicated against what the
 * partner or the CRM already reported and a won deal's credit is recomputed. Does nothing when the
 * registration moved on (relinked to another deal, or no longer approved) before this ran.
 */
export const creditRegistrationSourcing = async (
  ctx: AppContext,
  tenantId: string,
  { registrationId, dealId }: { registrationId: string; dealId: string },
): Promise<RecordedTouchpoints | undefined> => {
  const registration = await ctx.store.forTenant(tenantId).registrations.get(registrationId);
  if (!registration || registration.dealId !== dealId || !CREDITED_STATUSES.has(registration.status))
    return undefined;
  return recordTouchpoints(ctx, tenantId, [sourcedTouchpoint(registration, dealId)]);
};
