import type { AppContext } from '../appContext.js';
import { attributionJobHandlers } from '../attribution/jobHandlers.js';
import { governanceJobHandlers } from '../governance/clockHandlers.js';
import { sourcingCreditJobHandlers } from '../governance/sourcingCreditHandlers.js';
import type { JobHandler } from './jobRunner.js';
import { hubspotJobHandlers } from '../use-cases/hubspotJobHandlers.js';

/**
 * Every kind of durable job the service runs, by kind. Each capability contributes its own
 * handlers here (one spread per module).
 */
export const jobHandlers = (ctx: AppContext): Record<string, JobHandler> => ({
  ...attributionJobHandlers(ctx),
  ...governanceJobHandlers(ctx),
  ...sourcingCreditJobHandlers(ctx),
  ...hubspotJobHandlers(ctx),
});
