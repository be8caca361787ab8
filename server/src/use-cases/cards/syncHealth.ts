import type { Queryable } from '../../store/database.js';

export type SyncHealthRow = {
  occurred_at: string | number | null;
  written_at: Date | string | null;
  outbox: { fields: Record<string, unknown> }[] | null;
};

/**
 * The three columns of a sync-health row, as select-list items over the given parameter
 * references, so a card can read them inside its own single statement.
 */
export const syncHealthColumns = (tenant: string, kind: string, crmId: string) => `
       (SELECT occurred_at FROM crm_object_versions WHERE tenant_id = ${tenant} AND object_kind = ${kind} AND crm_id = ${crmId} LIMIT 1) AS occurred_at,
       (SELECT max(written_at) FROM crm_written_values WHERE tenant_id = ${tenant} AND object_kind = ${kind} AND crm_id = ${crmId}) AS written_at,
       (SELECT coalesce(json_agg(json_build_object('fields', fields)), '[]'::json)
          FROM crm_outbox WHERE tenant_id = ${tenant} AND object_kind = ${kind} AND crm_id = ${crmId}) AS outbox`;

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
  db: Queryable,
  tenantId: string,
  kind: 'deals' | 'companies',
  crmId: string,
): Promise<SyncHealth> => {
  // One round trip: on the embedded database every query waits its turn.
  const { rows } = await db.query<SyncHealthRow>(`SELECT ${syncHealthColumns('$1', '$2', '$3')}`, [
    tenantId,
    kind,
    crmId,
  ]);
  return toSyncHealth(rows[0]);
};
