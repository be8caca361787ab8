import type { SyncSource } from './crmSync.js';

/** What the sync-health columns read, before `toSyncHealth` turns it into a view. */
export type SyncHealthRow = {
  /** The record's sync state: how and when Entente last heard of it, a refused write, a deletion. */
  sync_state: {
    source: SyncSource | null;
    synced_at: string | null;
    deleted: boolean;
    write_refused_reason: string | null;
    write_refused_at: string | null;
  } | null;
  written_at: Date | string | null;
  outbox: { fields: Record<string, unknown> }[] | null;
};

/**
 * The sync-health columns of a record, as select-list items over the given parameter
 * references, so a card can read them inside its own single statement. The one place that
 * says what sync health reads: extend it here and in `SyncHealthRow`.
 */
export const syncHealthColumns = (tenant: string, kind: string, crmId: string) => `
       (SELECT json_build_object('source', source, 'synced_at', synced_at, 'deleted', deleted,
            'write_refused_reason', write_refused_reason, 'write_refused_at', write_refused_at)
          FROM crm_object_versions WHERE tenant_id = ${tenant} AND object_kind = ${kind} AND crm_id = ${crmId} LIMIT 1) AS sync_state,
       (SELECT max(written_at) FROM crm_written_values WHERE tenant_id = ${tenant} AND object_kind = ${kind} AND crm_id = ${crmId}) AS written_at,
       (SELECT coalesce(json_agg(json_build_object('fields', fields)), '[]'::json)
          FROM crm_outbox WHERE tenant_id = ${tenant} AND object_kind = ${kind} AND crm_id = ${crmId}) AS outbox`;

/** The sync-health part of a wider row (one that also selected `syncHealthColumns`). */
export const syncHealthOf = (row: SyncHealthRow): SyncHealthRow => ({
  sync_state: row.sync_state,
  written_at: row.written_at,
  outbox: row.outbox,
});
