import { z } from 'zod';
import type { AppContext } from '../../appContext.js';
import type { JobHandler } from '../jobRunner.js';
import { creditRegistrationSourcing } from '../../use-cases/creditRegistrationSourcing.js';
import { SOURCING_CREDIT_JOB } from '../../use-cases/governance/dealLinks.js';

const payloadSchema = z.object({ registrationId: z.string().min(1), dealId: z.string().min(1) });

/** Credits a registration's partner with sourcing its deal; repeated or late runs are harmless. */
export const sourcingCreditJobHandlers = (ctx: AppContext): Record<string, JobHandler> => ({
  [SOURCING_CREDIT_JOB]: async (job) => {
    if (!job.tenantId) throw new Error(`${SOURCING_CREDIT_JOB} jobs belong to a tenant`);
    await creditRegistrationSourcing(ctx, job.tenantId, payloadSchema.parse(job.payload));
  },
});
