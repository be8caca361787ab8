import type { TenantStore } from '../../store/store.js';

export type AttributionAuditEvent = {
  type: `attribution.${string}`;
  /** `system`, `user:<id>`, `partner:<id>` or `seller:<id>`. */
  actor: string;
  /** `deal:<id>`. */
  subject: string;
  at: Date;
  payload: Record<string, unknown>;
};

/** Finalised splits and every dispute step go to the tenant's hash-chained audit log. */
export const auditAttribution = async (tx: TenantStore, event: AttributionAuditEvent): Promise<void> => {
  await tx.governance.appendAudit(event);
};
