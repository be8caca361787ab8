import { isDomainError } from '@entente/shared/errors';
import type { AppContext } from '../../appContext.js';
import { expireAttributionDispute } from '../../use-cases/expireAttributionDispute.js';
import { finaliseDealAttribution } from '../../use-cases/finaliseDealAttribution.js';
import { tenantOf, type JobHandlers } from '../jobRunner.js';

export const attributionJobHandlers = (
  ctx: AppContext,
): Pick<JobHandlers, 'attribution.finalise' | 'attribution.dispute_expire'> => ({
  'attribution.finalise': async ({ dealId }, job) => {
    try {
      await finaliseDealAttribution(ctx, tenantOf(job), dealId);
    } catch (error) {
      // The deal was reopened or removed before the job ran: there is nothing to finalise, and
      // retrying would not change that.
      if (
        isDomainError(error) &&
        (error.code === 'ATTRIBUTION.DEAL_NOT_WON' || error.code === 'REQUEST.NOT_FOUND')
      ) {
        ctx.logger.info({ dealId, code: error.code }, 'attribution not finalised');
        return;
      }
      throw error;
    }
  },
  'attribution.dispute_expire': async ({ disputeId }, job) => {
    await expireAttributionDispute(ctx, tenantOf(job), disputeId);
  },
});
