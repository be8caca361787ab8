import { enqueueJob } from '../../store/repositories/jobQueue.js';
import type { Queryable } from '../../store/database.js';
import type { Store } from '../../store/store.js';

export const PURGE_JOB = 'hubspot.purge_uninstalled';

/**
 * The portal is gone (uninstalled on either side, or every call 401s after a failed refresh):
 * stop using it, forget its tokens at once, keep its data for the retention period, then delete it.
 */
export const markPortalUninstalled = async (
  store: Store,
  tenantId: string,
  now: Date,
  retentionDays: number,
): Promise<void> => {
  await store.db.transaction(async (tx) => {
    const { rowCount } = await tx.query(
      `UPDATE tenants SET status = 'uninstalled', uninstalled_at = $2, updated_at = now()
       WHERE id = $1 AND status <> 'uninstalled'`,
      [tenantId, now.toISOString()],
    );
    await tx.query('DELETE FROM crm_tokens WHERE tenant_id = $1', [tenantId]);
    if (rowCount === 0) return;
    await enqueueJob(tx, {
      tenantId,
      kind: PURGE_JOB,
      payload: { uninstalledAt: now.toISOString() },
      runAt: new Date(now.getTime() + retentionDays * 86_400_000),
      dedupeKey: `${PURGE_JOB}:${tenantId}:${now.toISOString()}`,
    });
  });
};

/** A reinstall brings the tenant back to life (its kept data with it). */
export const markPortalActive = async (db: Queryable, tenantId: string): Promise<void> => {
  await db.query(
    `UPDATE tenants SET status = 'active', uninstalled_at = NULL, updated_at = now() WHERE id = $1`,
    [tenantId],
  );
};

/** Deletes an uninstalled tenant's data once its retention has passed, unless it came back. */
export const purgeUninstalledTenant = async (
  db: Queryable,
  tenantId: string,
  uninstalledAt: string,
): Promise<boolean> => {
  const { rowCount } = await db.query(
    `DELETE FROM tenants WHERE id = $1 AND status = 'uninstalled' AND uninstalled_at = $2`,
    [tenantId, uninstalledAt],
  );
  return rowCount > 0;
};

export const tenantStatus = async (
  db: Queryable,
  tenantId: string,
): Promise<'active' | 'uninstalled' | undefined> => {
  const { rows } = await db.query<{ status: 'active' | 'uninstalled' }>(
    'SELECT status FROM tenants WHERE id = $1',
    [tenantId],
  );
  return rows[0]?.status;
};
