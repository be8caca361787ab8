import type { SyncHealthRow } from '../../store/repositories/syncHealthColumns.js';
import type { TenantStore } from '../../store/store.js';

const SOURCES = { backfill: 'backfill', inbound: 'change', reconciliation: 'reconciliation' } as const;

/**
 * What a card says about a record's sync. "Never synced" means just that: Entente has neither
 * heard of the record (backfill, a change from the CRM, reconciliation) nor written to it. A
 * write-back the CRM refused (the record was deleted or merged away there) is said, with the
 * CRM's reason, until a later write goes through.
 */
export const toSyncHealth = (row: SyncHealthRow | undefined) => {
  const state = row?.sync_state ?? null;
  const outbox = row?.outbox ?? [];
  const heard = state?.synced_at ? Date.parse(state.synced_at) : 0;
  const wrote = row?.written_at ? new Date(row.written_at).getTime() : 0;
  const last = Math.max(heard, wrote);
  const pendingFields = outbox.flatMap((entry) => Object.keys(entry.fields)).sort();
  return {
    state: state?.write_refused_reason
      ? ('write_refused' as const)
      : pendingFields.length > 0
        ? ('writes_pending' as const)
        : last > 0
          ? ('in_sync' as const)
          : ('never_synced' as const),
    lastSyncedAt: last > 0 ? new Date(last).toISOString() : null,
    /** How Entente last heard of the record, when it did. */
    via: state?.source && heard > 0 ? SOURCES[state.source] : null,
    pendingWrites: outbox.length,
    pendingFields,
    refusedReason: state?.write_refused_reason ?? null,
  };
};
export type SyncHealth = ReturnType<typeof toSyncHealth>;

/** When Entente last heard from the CRM about a record or wrote to it, and what still waits. */
export const syncHealth = async (
  store: TenantStore,
  kind: 'deals' | 'companies',
  crmId: string,
): Promise<SyncHealth> => toSyncHealth(await store.syncHealth.read(kind, crmId));
