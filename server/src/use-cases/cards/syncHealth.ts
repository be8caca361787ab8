import type { Queryable } from '../../store/database.js';

/**
 * When Entente last heard from HubSpot about a record (webhook or backfill) or wrote to it, and
 * which of its fields are still waiting in the write-back outbox.
 */
export const syncHealth = async (
  db: Queryable,
  tenantId: string,
  kind: 'deals' | 'companies',
  crmId: string,
) => {
  // One round trip: on the embedded database every query waits its turn.
  const { rows } = await db.query<{
    occurred_at: string | number | null;
    written_at: Date | string | null;
    outbox: { fields: Record<string, unknown> }[];
  }>(
    `SELECT
       (SELECT occurred_at FROM crm_object_versions WHERE tenant_id = $1 AND object_kind = $2 AND crm_id = $3 LIMIT 1) AS occurred_at,
       (SELECT max(written_at) FROM crm_written_values WHERE tenant_id = $1 AND object_kind = $2 AND crm_id = $3) AS written_at,
       (SELECT coalesce(json_agg(json_build_object('fields', fields)), '[]'::json)
          FROM crm_outbox WHERE tenant_id = $1 AND object_kind = $2 AND crm_id = $3) AS outbox`,
    [tenantId, kind, crmId],
  );
  const row = rows[0];
  const outbox = { rows: row?.outbox ?? [] };
  const versions = { rows: row?.occurred_at != null ? [{ occurred_at: row.occurred_at }] : [] };
  const written = { rows: [{ at: row?.written_at ?? null }] };
  const heard = versions.rows[0] ? Number(versions.rows[0].occurred_at) : null;
  const wrote = written.rows[0]?.at ? new Date(written.rows[0].at).getTime() : null;
  const last = Math.max(heard ?? 0, wrote ?? 0);
  const pendingFields = outbox.rows.flatMap((row) => Object.keys(row.fields)).sort();
  return {
    state:
      pendingFields.length > 0
        ? ('writes_pending' as const)
        : last > 0
          ? ('in_sync' as const)
          : ('never_synced' as const),
    lastSyncedAt: last > 0 ? new Date(last).toISOString() : null,
    pendingWrites: outbox.rows.length,
    pendingFields,
  };
};
