import type { AppContext } from '../../appContext.js';
import { attributionJobHandlers } from './attribution.js';
import { governanceJobHandlers } from '../../use-cases/governance/governanceClocks.js';
import { sourcingCreditJobHandlers } from './sourcingCredit.js';
import type { JobHandler } from '../jobRunner.js';
import { hubspotJobHandlers } from './crmSync.js';

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
