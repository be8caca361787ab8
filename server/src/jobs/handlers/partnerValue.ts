import type { AppContext } from '../../appContext.js';
import { reassessPartnerTier } from '../../use-cases/reassessPartnerTier.js';
import { recordCrmOutcomes } from '../../use-cases/recordCrmOutcomes.js';
import { tenantOf, type JobHandlers } from '../jobRunner.js';

/** Tier assessments and CRM-mapped outcomes; both are idempotent, so a repeated run is harmless. */
export const partnerValueJobHandlers = (
  ctx: AppContext,
): Pick<JobHandlers, 'partner_value.assess_tier' | 'partner_value.crm_outcomes'> => ({
  'partner_value.assess_tier': async ({ partnerId, cause }, job) => {
    await reassessPartnerTier(ctx, tenantOf(job), partnerId, cause);
  },
  'partner_value.crm_outcomes': async (payload, job) => {
    await recordCrmOutcomes(ctx, tenantOf(job), payload);
  },
});
