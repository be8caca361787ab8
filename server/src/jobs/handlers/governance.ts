import type { AppContext } from '../../appContext.js';
import { creditRegistrationSourcing } from '../../use-cases/creditRegistrationSourcing.js';
import {
  escalateOverdueReview,
  expireProtection,
  remindProtectionEnding,
} from '../../use-cases/governance/clockStories.js';
import { tenantOf, type JobHandlers } from '../jobRunner.js';

type GovernanceJobKind =
  | 'governance.review_due'
  | 'governance.protection_reminder'
  | 'governance.protection_expiry'
  | 'governance.credit_sourcing';

/** The governance clocks and the sourcing credit; late or repeated runs are harmless. */
export const governanceJobHandlers = (ctx: AppContext): Pick<JobHandlers, GovernanceJobKind> => ({
  'governance.review_due': (payload, job) => escalateOverdueReview(ctx, tenantOf(job), payload),
  'governance.protection_reminder': (payload, job) => remindProtectionEnding(ctx, tenantOf(job), payload),
  'governance.protection_expiry': (payload, job) => expireProtection(ctx, tenantOf(job), payload),
  'governance.credit_sourcing': async (payload, job) => {
    await creditRegistrationSourcing(ctx, tenantOf(job), payload);
  },
});
