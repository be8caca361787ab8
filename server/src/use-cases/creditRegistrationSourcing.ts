import type { AppContext } from '../appContext.js';
import { CREDITED_STATUSES, sourcedTouchpoint } from '@entente/shared/governance';
import { day, recordCreditHistory } from './attribution/history.js';
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
  const tenant = ctx.store.forTenant(tenantId);
  const registration = await tenant.registrations.get(registrationId);
  if (!registration || registration.dealId !== dealId || !CREDITED_STATUSES.has(registration.status))
    return undefined;
  const touch = sourcedTouchpoint(registration, dealId);
  const partner = await tenant.partners.get(registration.partnerId);
  const now = ctx.now();
  return recordTouchpoints(ctx, tenantId, [touch], {
    afterRecording: async (tx, result) => {
      // A credit the CRM already records as sourcing changes nothing, so it tells nothing either.
      if (!result.recorded.some((t) => t.id === touch.id)) return;
      await recordCreditHistory(tx, {
        dealId,
        at: now,
        kind: 'sourcing_credited',
        participantId: registration.partnerId,
        line: `${partner?.name ?? registration.partnerId} was credited with sourcing the deal on ${day(now)}: its registration ${registration.id} is ${registration.status}`,
        details: { registrationId: registration.id, touchpointId: touch.id },
      });
    },
  });
};
