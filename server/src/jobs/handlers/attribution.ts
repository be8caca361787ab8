import { z } from 'zod';
import { isDomainError } from '@entente/shared/errors';
import type { AppContext } from '../../appContext.js';
import type { JobHandler } from '../jobRunner.js';
import { expireAttributionDispute } from '../../use-cases/expireAttributionDispute.js';
import { finaliseDealAttribution } from '../../use-cases/finaliseDealAttribution.js';
import { ATTRIBUTION_JOB_KINDS } from '../../use-cases/attribution/jobs.js';

const dealPayload = z.object({ dealId: z.string().min(1) });
const disputePayload = z.object({ disputeId: z.string().min(1) });

const tenantOf = (tenantId: string | null): string => {
  if (!tenantId) throw new Error('attribution jobs belong to a tenant');
  return tenantId;
};

export const attributionJobHandlers = (ctx: AppContext): Record<string, JobHandler> => ({
  [ATTRIBUTION_JOB_KINDS.finalise]: async (job) => {
    const { dealId } = dealPayload.parse(job.payload);
    try {
      await finaliseDealAttribution(ctx, tenantOf(job.tenantId), dealId);
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
  [ATTRIBUTION_JOB_KINDS.expireDispute]: async (job) => {
    const { disputeId } = disputePayload.parse(job.payload);
    await expireAttributionDispute(ctx, tenantOf(job.tenantId), disputeId);
  },
});
