import { enqueue } from '../../jobs/jobKinds.js';
import type { Store } from '../../store/store.js';

/**
 * The portal is gone (uninstalled on either side, or every call 401s after a failed refresh):
 * stop using it, forget its tokens at once, keep its data for the retention period, then delete it.
 */
export const markPortalUninstalled = (
  store: Store,
  tenantId: string,
  now: Date,
  retentionDays: number,
): Promise<void> =>
  store.transaction(async (tx) => {
    const changed = await tx.tenants.markUninstalled(tenantId, now);
    const tenant = tx.forTenant(tenantId);
    await tenant.crmTokens.purge();
    if (!changed) return;
    await enqueue(
      tenant,
      'crm.purge_uninstalled',
      { uninstalledAt: now.toISOString() },
      { runAt: new Date(now.getTime() + retentionDays * 86_400_000), once: now.toISOString() },
    );
  });
