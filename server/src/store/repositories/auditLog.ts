import { listAudit, verifyAudit } from './audit.js';
import type { TenantScope } from './tenantScope.js';

/** Reading and checking a tenant's audit chain (appends go through `governance.appendAudit`). */
export const auditLogRepository = ({ tenantId, db }: TenantScope) => ({
  list: (page?: { afterSeq?: number; limit?: number }) => listAudit(db, tenantId, page),
  /** Re-computes every hash of the chain and names the first entry that does not hold. */
  verify: () => verifyAudit(db, tenantId),
});
export type AuditLogRepository = ReturnType<typeof auditLogRepository>;
