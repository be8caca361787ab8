import { json, toIso } from './rows.js';
import type { TenantScope } from './tenantScope.js';

/** One saved field mapping: the overrides as an admin saved them, with who and when. */
export type FieldMappingVersion = {
  version: number;
  mapping: unknown;
  changedBy: string;
  changedAt: string;
};

type VersionRow = { version: number; mapping: unknown; changed_by: string; changed_at: Date | string };

const toVersion = (row: VersionRow): FieldMappingVersion => ({
  version: Number(row.version),
  mapping: row.mapping,
  changedBy: row.changed_by,
  changedAt: toIso(row.changed_at),
});

/**
 * The history of a tenant's CRM field mapping, one numbered version per change. The mapping in
 * force lives in `crm_settings` (`crmSync.saveFieldMapping`); a change stores both in one transaction.
 */
export const fieldMappingVersionsRepository = ({ tenantId, db }: TenantScope) => {
  /** The newest versions first. */
  const history = async (limit = 50): Promise<FieldMappingVersion[]> => {
    const { rows } = await db.query<VersionRow>(
      `SELECT version, mapping, changed_by, changed_at FROM crm_field_mapping_versions
       WHERE tenant_id = $1 ORDER BY version DESC LIMIT $2`,
      [tenantId, limit],
    );
    return rows.map(toVersion);
  };
  return {
    /**
     * The next version number, with the tenant's CRM settings row locked until the transaction ends,
     * so two admins saving at once get consecutive versions instead of one failing on the key.
     */
    async lockNextVersion(): Promise<number> {
      await db.query('INSERT INTO crm_settings (tenant_id) VALUES ($1) ON CONFLICT (tenant_id) DO NOTHING', [
        tenantId,
      ]);
      await db.query('SELECT tenant_id FROM crm_settings WHERE tenant_id = $1 FOR UPDATE', [tenantId]);
      const { rows } = await db.query<{ latest: number | null }>(
        'SELECT max(version) AS latest FROM crm_field_mapping_versions WHERE tenant_id = $1',
        [tenantId],
      );
      return Number(rows[0]?.latest ?? 0) + 1;
    },
    async append(entry: FieldMappingVersion): Promise<FieldMappingVersion> {
      const { rows } = await db.query<VersionRow>(
        `INSERT INTO crm_field_mapping_versions (tenant_id, version, mapping, changed_by, changed_at)
       VALUES ($1, $2, $3, $4, $5) RETURNING version, mapping, changed_by, changed_at`,
        [tenantId, entry.version, json(entry.mapping), entry.changedBy, entry.changedAt],
      );
      return toVersion(rows[0]!);
    },
    async latest(): Promise<FieldMappingVersion | undefined> {
      return (await history(1))[0];
    },
    history,
  };
};
export type FieldMappingVersionsRepository = ReturnType<typeof fieldMappingVersionsRepository>;
