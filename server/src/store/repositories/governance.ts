import type { TenantScope } from './tenantScope.js';
import { appendAudit, type AuditEntryInput } from './audit.js';
import {
  addDecision,
  getGovernance,
  getGovernanceMany,
  listDecisions,
  lockRegistration,
  openReviewLoad,
  saveGovernance,
  type DecisionRecord,
  type GovernanceState,
} from './governanceStore.js';

/**
 * Governance state, decision history and the audit chain for one tenant, bound like every other
 * repository (so inside `store.inTransaction` it all commits together).
 */
export const governanceRepository = ({ tenantId, db }: TenantScope) => ({
  get: (registrationId: string) => getGovernance(db, tenantId, registrationId),
  getMany: (registrationIds: readonly string[]) => getGovernanceMany(db, tenantId, registrationIds),
  save: (state: GovernanceState) => saveGovernance(db, tenantId, state),
  lock: (registrationId: string) => lockRegistration(db, tenantId, registrationId),
  addDecision: (decision: DecisionRecord) => addDecision(db, tenantId, decision),
  decisions: (registrationId: string) => listDecisions(db, tenantId, registrationId),
  openReviewLoad: () => openReviewLoad(db, tenantId),
  appendAudit: (entry: AuditEntryInput) => appendAudit(db, tenantId, entry),
});
export type GovernanceRepository = ReturnType<typeof governanceRepository>;
