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
  const [versions, written, outbox] = await Promise.all([
    db.query<{ occurred_at: string | number }>(
      'SELECT occurred_at FROM crm_object_versions WHERE tenant_id = $1 AND object_kind = $2 AND crm_id = $3',
      [tenantId, kind, crmId],
    ),
    db.query<{ at: Date | string | null }>(
      'SELECT max(written_at) AS at FROM crm_written_values WHERE tenant_id = $1 AND object_kind = $2 AND crm_id = $3',
      [tenantId, kind, crmId],
    ),
    db.query<{ fields: Record<string, unknown> }>(
      'SELECT fields FROM crm_outbox WHERE tenant_id = $1 AND object_kind = $2 AND crm_id = $3',
      [tenantId, kind, crmId],
    ),
  ]);
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
