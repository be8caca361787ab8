import type { AppContext } from '../../appContext.js';
import { creditRegistrationSourcing } from '../../use-cases/creditRegistrationSourcing.js';
import {
  escalateOverdueReview,
  expireProtection,
  lapseOverride,
  remindProtectionEnding,
} from '../../use-cases/governance/clockStories.js';
import { expireKeyLinks } from '../../use-cases/partners/keyLinks.js';
import { tenantOf, type JobHandlers } from '../jobRunner.js';

type GovernanceJobKind =
  | 'governance.review_due'
  | 'governance.protection_reminder'
  | 'governance.protection_expiry'
  | 'governance.override_due'
  | 'governance.credit_sourcing'
  | 'governance.key_link_expiry';

/** The governance clocks, the sourcing credit and key-link expiry; late or repeated runs are harmless. */
export const governanceJobHandlers = (ctx: AppContext): Pick<JobHandlers, GovernanceJobKind> => ({
  'governance.review_due': (payload, job) => escalateOverdueReview(ctx, tenantOf(job), payload),
  'governance.protection_reminder': (payload, job) => remindProtectionEnding(ctx, tenantOf(job), payload),
  'governance.protection_expiry': (payload, job) => expireProtection(ctx, tenantOf(job), payload),
  'governance.override_due': (payload, job) => lapseOverride(ctx, tenantOf(job), payload),
  'governance.credit_sourcing': async (payload, job) => {
    await creditRegistrationSourcing(ctx, tenantOf(job), payload);
  },
  'governance.key_link_expiry': (_payload, job) => expireKeyLinks(ctx, tenantOf(job)),
});
