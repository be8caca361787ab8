/** What the sync-health columns read, before `toSyncHealth` turns it into a view. */
export type SyncHealthRow = {
  occurred_at: string | number | null;
  written_at: Date | string | null;
  outbox: { fields: Record<string, unknown> }[] | null;
};

/**
 * The sync-health columns of a record, as select-list items over the given parameter
 * references, so a card can read them inside its own single statement. The one place that
 * says what sync health reads: extend it here and in `SyncHealthRow`.
 */
export const syncHealthColumns = (tenant: string, kind: string, crmId: string) => `
       (SELECT occurred_at FROM crm_object_versions WHERE tenant_id = ${tenant} AND object_kind = ${kind} AND crm_id = ${crmId} LIMIT 1) AS occurred_at,
       (SELECT max(written_at) FROM crm_written_values WHERE tenant_id = ${tenant} AND object_kind = ${kind} AND crm_id = ${crmId}) AS written_at,
       (SELECT coalesce(json_agg(json_build_object('fields', fields)), '[]'::json)
          FROM crm_outbox WHERE tenant_id = ${tenant} AND object_kind = ${kind} AND crm_id = ${crmId}) AS outbox`;

/** The sync-health part of a wider row (one that also selected `syncHealthColumns`). */
export const syncHealthOf = (row: SyncHealthRow): SyncHealthRow => ({
  occurred_at: row.occurred_at,
  written_at: row.written_at,
  outbox: row.outbox,
});
