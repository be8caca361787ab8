import type { AppContext } from '../appContext.js';
import type { TierCause } from '../store/repositories/attribution/partnerProgram.js';
import { assessPartnerTier, type TierAssessmentResult } from './partnerValue/partnerTier.js';

/**
 * Something a partner is tiered on changed outside a transaction that could assess it (a deal it
 * is credited on was won): assess its tier again, store the assessment and audit a change. A
 * partner removed meanwhile has nothing to assess.
 */
export const reassessPartnerTier = (
  ctx: Pick<AppContext, 'store' | 'now'>,
  tenantId: string,
  partnerId: string,
  cause: TierCause,
): Promise<TierAssessmentResult | undefined> =>
  ctx.store.inTransaction(tenantId, (tx) => assessPartnerTier(tx, partnerId, cause, ctx.now()));
