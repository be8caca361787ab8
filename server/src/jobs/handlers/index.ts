import type { AppContext } from '../../appContext.js';
import { checkedHandlers, type JobHandler } from '../jobRunner.js';
import { attributionJobHandlers } from './attribution.js';
import { crmSyncJobHandlers } from './crmSync.js';
import { governanceJobHandlers } from './governance.js';
import { partnerValueJobHandlers } from './partnerValue.js';

/**
 * Every kind of durable job the service runs, with its handler. The type requires one handler per
 * kind in jobs/jobKinds.ts, so a new kind cannot be queued without something to run it.
 */
export const jobHandlers = (ctx: AppContext): Record<string, JobHandler> =>
  checkedHandlers({
    ...crmSyncJobHandlers(ctx),
    ...governanceJobHandlers(ctx),
    ...attributionJobHandlers(ctx),
    ...partnerValueJobHandlers(ctx),
  });
