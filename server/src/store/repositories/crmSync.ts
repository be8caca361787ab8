import {
  changeRecordSchema,
  type ChangeRecord,
  type EntenteFields,
  type SyncedObjectKind,
} from '@entente/shared/domain';
import { isoOrNull } from './rows.js';
import type { TenantScope } from './tenantScope.js';

export type SyncCursor = { name: string; cursor: string | null; records: number; done: boolean };

export type OutboxEntry = {
  objectKind: 'deals' | 'companies';
  crmId: string;
  fields: EntenteFields;
  version: number;
};

/** How Entente last heard of a record. */
export type SyncSource = 'backfill' | 'inbound' | 'reconciliation';

type EventRow = {
  event_id: string;
  object_kind: string;
  object_id: string;
  occurred_at: number;
  change: string;
  payload: Record<string, unknown>;
};

/**
 * The sync core's bookkeeping for one tenant, whatever its CRM: sync cursors, the inbox of inbound
 * changes, per-record versions and sync state, the outbox of Entente-owned field values, what was
 * last written, and the tenant's CRM settings.
 */
export const crmSyncRepository = ({ tenantId, db }: TenantScope) => ({
  async getCursor(name: string): Promise<SyncCursor> {
    const { rows } = await db.query<SyncCursor>(
      'SELECT name, cursor, records, done FROM crm_sync_cursors WHERE tenant_id = $1 AND name = $2',
      [tenantId, name],
    );
    return rows[0] ?? { name, cursor: null, records: 0, done: false };
  },
  async saveCursor(cursor: SyncCursor): Promise<void> {
    await db.query(
      `INSERT INTO crm_sync_cursors (tenant_id, name, cursor, records, done) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id, name) DO UPDATE SET cursor = EXCLUDED.cursor, records = EXCLUDED.records,
         done = EXCLUDED.done, updated_at = now()`,
      [tenantId, cursor.name, cursor.cursor, cursor.records, cursor.done],
    );
  },
  async resetCursors(prefix: string): Promise<void> {
    await db.query('DELETE FROM crm_sync_cursors WHERE tenant_id = $1 AND starts_with(name, $2)', [
      tenantId,
      prefix,
    ]);
  },

  /** Stores changes not seen before; returns how many were new (duplicates by eventId are dropped). */
  async insertChanges(events: readonly ChangeRecord[]): Promise<number> {
    let inserted = 0;
    for (const event of events) {
      const { rowCount } = await db.query(
        `INSERT INTO crm_webhook_events (tenant_id, event_id, object_kind, object_id, occurred_at, change, payload)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (tenant_id, event_id) DO NOTHING`,
        [
          tenantId,
          event.eventId,
          event.objectKind,
          event.objectId,
          event.occurredAt,
          event.change,
          JSON.stringify({
            madeByEntente: event.madeByEntente,
            ententeField: event.ententeField,
            value: event.value,
            mergedIds: event.mergedIds,
          }),
        ],
      );
      inserted += rowCount;
    }
    return inserted;
  },
  /** Keeps inbound events that could not be taken aside, with why (never applied). */
  async quarantine(
    events: readonly { eventId: string | null; reason: string; raw: string }[],
  ): Promise<number> {
    let inserted = 0;
    for (const event of events) {
      const { rowCount } = await db.query(
        `INSERT INTO crm_inbox_quarantine (tenant_id, event_id, reason, raw) VALUES ($1, $2, $3, $4)
         ON CONFLICT (tenant_id, event_id) DO NOTHING`,
        [tenantId, event.eventId, event.reason.slice(0, 1000), event.raw.slice(0, 100_000)],
      );
      inserted += rowCount;
    }
    return inserted;
  },
  async quarantined(): Promise<{ eventId: string | null; reason: string }[]> {
    const { rows } = await db.query<{ event_id: string | null; reason: string }>(
      'SELECT event_id, reason FROM crm_inbox_quarantine WHERE tenant_id = $1 ORDER BY id',
      [tenantId],
    );
    return rows.map((row) => ({ eventId: row.event_id, reason: row.reason }));
  },
  /** The oldest changes not applied yet, as they were stored (a row that no longer parses throws). */
  async pendingChanges(limit: number): Promise<ChangeRecord[]> {
    const { rows } = await db.query<EventRow>(
      `SELECT event_id, object_kind, object_id, occurred_at, change, payload FROM crm_webhook_events
       WHERE tenant_id = $1 AND status = 'pending' ORDER BY occurred_at, event_id LIMIT $2`,
      [tenantId, limit],
    );
    return rows.map((row) =>
      changeRecordSchema.parse({
        ...row.payload,
        eventId: row.event_id,
        objectKind: row.object_kind,
        objectId: row.object_id,
        occurredAt: Number(row.occurred_at),
        change: row.change,
      }),
    );
  },
  async finishEvent(eventId: string, status: 'applied' | 'skipped', outcome: string): Promise<void> {
    await db.query(
      `UPDATE crm_webhook_events SET status = $3, outcome = $4 WHERE tenant_id = $1 AND event_id = $2`,
      [tenantId, eventId, status, outcome],
    );
  },
  async eventOutcomes(): Promise<{ eventId: string; status: string; outcome: string | null }[]> {
    const { rows } = await db.query<{ event_id: string; status: string; outcome: string | null }>(
      'SELECT event_id, status, outcome FROM crm_webhook_events WHERE tenant_id = $1 ORDER BY occurred_at, event_id',
      [tenantId],
    );
    return rows.map((row) => ({ eventId: row.event_id, status: row.status, outcome: row.outcome }));
  },

  async objectVersion(
    kind: string,
    crmId: string,
  ): Promise<{ occurredAt: number; deleted: boolean } | undefined> {
    const { rows } = await db.query<{ occurred_at: number; deleted: boolean }>(
      'SELECT occurred_at, deleted FROM crm_object_versions WHERE tenant_id = $1 AND object_kind = $2 AND crm_id = $3',
      [tenantId, kind, crmId],
    );
    return rows[0] && { occurredAt: Number(rows[0].occurred_at), deleted: rows[0].deleted };
  },
  /** The newest change applied to a record, and that Entente heard of it now through `source`. */
  async setObjectVersion(
    kind: string,
    crmId: string,
    occurredAt: number,
    deleted: boolean,
    seen: { source: SyncSource; at: Date },
  ): Promise<void> {
    await db.query(
      `INSERT INTO crm_object_versions (tenant_id, object_kind, crm_id, occurred_at, deleted, source, synced_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (tenant_id, object_kind, crm_id) DO UPDATE SET
         occurred_at = GREATEST(crm_object_versions.occurred_at, EXCLUDED.occurred_at), deleted = EXCLUDED.deleted,
         source = EXCLUDED.source, synced_at = EXCLUDED.synced_at`,
      [tenantId, kind, crmId, occurredAt, deleted, seen.source, seen.at.toISOString()],
    );
  },
  /**
   * Records read whole from the CRM (a backfill page, a reconciliation): in sync as of `at`. Their
   * change version is left alone, so a change that happened meanwhile still applies.
   */
  async markSeen(
    kind: SyncedObjectKind,
    crmIds: readonly string[],
    source: SyncSource,
    at: Date,
  ): Promise<void> {
    if (crmIds.length === 0) return;
    await db.query(
      `INSERT INTO crm_object_versions (tenant_id, object_kind, crm_id, occurred_at, deleted, source, synced_at)
       SELECT $1, $2, crm_id, 0, false, $4, $5 FROM unnest($3::text[]) AS crm_id
       ON CONFLICT (tenant_id, object_kind, crm_id) DO UPDATE SET deleted = false, source = EXCLUDED.source,
         synced_at = EXCLUDED.synced_at`,
      [tenantId, kind, [...new Set(crmIds)], source, at.toISOString()],
    );
  },
  /**
   * The CRM refused a write-back to a record (deleted or merged away there). The write is dropped,
   * not retried, and the record's sync state keeps the reason until a later write succeeds.
   */
  async recordWriteRefused(
    kind: 'deals' | 'companies',
    crmId: string,
    reason: string,
    at: Date,
  ): Promise<void> {
    await db.query(
      `INSERT INTO crm_object_versions (tenant_id, object_kind, crm_id, occurred_at, deleted, write_refused_reason, write_refused_at)
       VALUES ($1, $2, $3, 0, false, $4, $5)
       ON CONFLICT (tenant_id, object_kind, crm_id) DO UPDATE SET write_refused_reason = EXCLUDED.write_refused_reason,
         write_refused_at = EXCLUDED.write_refused_at`,
      [tenantId, kind, crmId, reason.slice(0, 500), at.toISOString()],
    );
  },

  /** Queues Entente-owned fields for write-back, merged over any values still waiting. */
  async enqueueWrite(
    kind: 'deals' | 'companies',
    crmId: string,
    fields: EntenteFields,
    at: Date,
  ): Promise<void> {
    await db.query(
      `INSERT INTO crm_outbox (tenant_id, object_kind, crm_id, fields, requested_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id, object_kind, crm_id) DO UPDATE SET fields = crm_outbox.fields || EXCLUDED.fields,
         version = crm_outbox.version + 1, requested_at = EXCLUDED.requested_at`,
      [tenantId, kind, crmId, JSON.stringify(fields), at.toISOString()],
    );
  },
  async pendingWrites(kind: 'deals' | 'companies', limit: number): Promise<OutboxEntry[]> {
    const { rows } = await db.query<{
      object_kind: 'deals' | 'companies';
      crm_id: string;
      fields: EntenteFields;
      version: number;
    }>(
      `SELECT object_kind, crm_id, fields, version FROM crm_outbox WHERE tenant_id = $1 AND object_kind = $2
       ORDER BY requested_at, crm_id LIMIT $3`,
      [tenantId, kind, limit],
    );
    return rows.map((row) => ({
      objectKind: row.object_kind,
      crmId: row.crm_id,
      fields: row.fields,
      version: row.version,
    }));
  },
  /** Removes a written entry unless newer values were merged in meanwhile (they go out next time). */
  async completeWrite(entry: OutboxEntry): Promise<void> {
    await db.query(
      'DELETE FROM crm_outbox WHERE tenant_id = $1 AND object_kind = $2 AND crm_id = $3 AND version = $4',
      [tenantId, entry.objectKind, entry.crmId, entry.version],
    );
  },
  async recordWritten(
    kind: string,
    crmId: string,
    values: Record<string, string | null>,
    at: Date,
  ): Promise<void> {
    for (const [property, value] of Object.entries(values)) {
      await db.query(
        `INSERT INTO crm_written_values (tenant_id, object_kind, crm_id, property, value, written_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (tenant_id, object_kind, crm_id, property) DO UPDATE SET value = EXCLUDED.value,
           written_at = EXCLUDED.written_at`,
        [tenantId, kind, crmId, property, value, at.toISOString()],
      );
    }
    // A write that went through ends any earlier refusal (a restored record, say).
    await db.query(
      `UPDATE crm_object_versions SET write_refused_reason = NULL, write_refused_at = NULL
       WHERE tenant_id = $1 AND object_kind = $2 AND crm_id = $3 AND write_refused_reason IS NOT NULL`,
      [tenantId, kind, crmId],
    );
  },
  async lastWritten(
    kind: string,
    crmId: string,
    property: string,
  ): Promise<{ value: string | null } | undefined> {
    const { rows } = await db.query<{ value: string | null }>(
      `SELECT value FROM crm_written_values WHERE tenant_id = $1 AND object_kind = $2 AND crm_id = $3 AND property = $4`,
      [tenantId, kind, crmId, property],
    );
    return rows[0];
  },

  async settings(): Promise<{
    fieldMapping: unknown;
    registrationsStore: 'custom_object' | 'properties' | null;
    registrationsObjectType: string | null;
    provisionedAt: string | null;
  }> {
    const { rows } = await db.query<{
      field_mapping: unknown;
      registrations_store: 'custom_object' | 'properties' | null;
      registrations_object_type: string | null;
      provisioned_at: Date | string | null;
    }>('SELECT * FROM crm_settings WHERE tenant_id = $1', [tenantId]);
    const row = rows[0];
    return {
      fieldMapping: row?.field_mapping ?? {},
      registrationsStore: row?.registrations_store ?? null,
      registrationsObjectType: row?.registrations_object_type ?? null,
      provisionedAt: isoOrNull(row?.provisioned_at),
    };
  },
  /** Where the CRM account's users work (its UI domain), read from the CRM at install. */
  async saveAccountDetails(details: { uiDomain: string; dataHostingLocation: string | null }): Promise<void> {
    await db.query(
      `INSERT INTO crm_settings (tenant_id, ui_domain, data_hosting_location) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id) DO UPDATE SET ui_domain = EXCLUDED.ui_domain,
         data_hosting_location = EXCLUDED.data_hosting_location, updated_at = now()`,
      [tenantId, details.uiDomain, details.dataHostingLocation],
    );
  },
  async saveFieldMapping(mapping: unknown): Promise<void> {
    await db.query(
      `INSERT INTO crm_settings (tenant_id, field_mapping) VALUES ($1, $2)
       ON CONFLICT (tenant_id) DO UPDATE SET field_mapping = EXCLUDED.field_mapping, updated_at = now()`,
      [tenantId, JSON.stringify(mapping)],
    );
  },
  async saveProvisioning(
    store: 'custom_object' | 'properties',
    objectType: string | null,
    at: Date,
  ): Promise<void> {
    await db.query(
      `INSERT INTO crm_settings (tenant_id, registrations_store, registrations_object_type, provisioned_at)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id) DO UPDATE SET registrations_store = EXCLUDED.registrations_store,
         registrations_object_type = EXCLUDED.registrations_object_type, provisioned_at = EXCLUDED.provisioned_at,
         updated_at = now()`,
      [tenantId, store, objectType, at.toISOString()],
    );
  },

  /** A company merged into another: its deals, contacts and registrations follow the survivor. */
  async moveAccount(fromAccountId: string, toAccountId: string): Promise<void> {
    for (const table of ['deals', 'contacts', 'registrations']) {
      await db.query(`UPDATE ${table} SET account_id = $3 WHERE tenant_id = $1 AND account_id = $2`, [
        tenantId,
        fromAccountId,
        toAccountId,
      ]);
    }
  },
  /** Distinct partners holding live registrations on an account (two or more is a conflict). */
  async registeredPartners(accountId: string): Promise<string[]> {
    const { rows } = await db.query<{ partner_id: string }>(
      `SELECT DISTINCT partner_id FROM registrations WHERE tenant_id = $1 AND account_id = $2
         AND status NOT IN ('rejected', 'expired', 'withdrawn', 'lost') ORDER BY partner_id`,
      [tenantId, accountId],
    );
    return rows.map((row) => row.partner_id);
  },
  async registrationCount(accountId: string): Promise<number> {
    const { rows } = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM registrations WHERE tenant_id = $1 AND account_id = $2',
      [tenantId, accountId],
    );
    return rows[0]?.n ?? 0;
  },
  /** A deal merged into another: registrations and contacts follow the survivor. */
  async moveDeal(fromDealId: string, toDealId: string): Promise<void> {
    await db.query('UPDATE registrations SET deal_id = $3 WHERE tenant_id = $1 AND deal_id = $2', [
      tenantId,
      fromDealId,
      toDealId,
    ]);
    await db.query(
      `INSERT INTO deal_contacts (tenant_id, deal_id, contact_id)
       SELECT tenant_id, $3, contact_id FROM deal_contacts WHERE tenant_id = $1 AND deal_id = $2 ON CONFLICT DO NOTHING`,
      [tenantId, fromDealId, toDealId],
    );
  },
  async detachDeal(dealId: string): Promise<void> {
    await db.query('DELETE FROM deal_contacts WHERE tenant_id = $1 AND deal_id = $2', [tenantId, dealId]);
  },
});
export type CrmSyncRepository = ReturnType<typeof crmSyncRepository>;
