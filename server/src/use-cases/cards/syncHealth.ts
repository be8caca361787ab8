import type { SyncHealthRow } from '../../store/repositories/syncHealthColumns.js';
import type { TenantStore } from '../../store/store.js';

export const toSyncHealth = (row: SyncHealthRow | undefined) => {
  const outbox = row?.outbox ?? [];
  const heard = row?.occurred_at != null ? Number(row.occurred_at) : null;
  const wrote = row?.written_at ? new Date(row.written_at).getTime() : null;
  const last = Math.max(heard ?? 0, wrote ?? 0);
  const pendingFields = outbox.flatMap((entry) => Object.keys(entry.fields)).sort();
  return {
    state:
      pendingFields.length > 0
        ? ('writes_pending' as const)
        : last > 0
          ? ('in_sync' as const)
          : ('never_synced' as const),
    lastSyncedAt: last > 0 ? new Date(last).toISOString() : null,
    pendingWrites: outbox.length,
    pendingFields,
  };
};
export type SyncHealth = ReturnType<typeof toSyncHealth>;

/**
 * When Entente last heard from HubSpot about a record (webhook or backfill) or wrote to it, and
 * which of its fields are still waiting in the write-back outbox.
 */
export const syncHealth = async (
  store: TenantStore,
  kind: 'deals' | 'companies',
  crmId: string,
): Promise<SyncHealth> => toSyncHealth(await store.syncHealth.read(kind, crmId));
