import type { Tenant } from '@entente/shared/domain';
import type { Queryable } from '../database.js';

type TenantRow = {
  id: string;
  name: string;
  crm: Tenant['crm'];
  external_id: string;
  status: Tenant['status'];
  sandbox: boolean;
};

const toTenant = (row: TenantRow): Tenant => ({
  id: row.id,
  name: row.name,
  crm: row.crm,
  externalId: row.external_id,
  status: row.status,
  sandbox: row.sandbox,
});

/** Tenants are the one table that is not itself tenant-scoped: it is where scopes come from. */
export const tenantsRepository = (db: Queryable) => ({
  async upsert(tenant: Tenant): Promise<Tenant> {
    const { rows } = await db.query<TenantRow>(
      `INSERT INTO tenants (id, name, crm, external_id, status, sandbox) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, status = EXCLUDED.status, updated_at = now()
       RETURNING *`,
      [tenant.id, tenant.name, tenant.crm, tenant.externalId, tenant.status, tenant.sandbox],
    );
    return toTenant(rows[0] as TenantRow);
  },
  async get(id: string): Promise<Tenant | undefined> {
    const { rows } = await db.query<TenantRow>('SELECT * FROM tenants WHERE id = $1', [id]);
    return rows[0] && toTenant(rows[0]);
  },
  async findByExternalId(crm: Tenant['crm'], externalId: string): Promise<Tenant | undefined> {
    const { rows } = await db.query<TenantRow>('SELECT * FROM tenants WHERE crm = $1 AND external_id = $2', [
      crm,
      externalId,
    ]);
    return rows[0] && toTenant(rows[0]);
  },
  async list(): Promise<Tenant[]> {
    const { rows } = await db.query<TenantRow>('SELECT * FROM tenants ORDER BY created_at, id');
    return rows.map(toTenant);
  },
  /** Returns false when the tenant was already uninstalled (nothing changed). */
  async markUninstalled(id: string, at: Date): Promise<boolean> {
    const { rowCount } = await db.query(
      `UPDATE tenants SET status = 'uninstalled', uninstalled_at = $2, updated_at = now()
       WHERE id = $1 AND status <> 'uninstalled'`,
      [id, at.toISOString()],
    );
    return rowCount > 0;
  },
  /** A reinstall brings the tenant back to life (its kept data with it). */
  async markActive(id: string): Promise<void> {
    await db.query(
      `UPDATE tenants SET status = 'active', uninstalled_at = NULL, updated_at = now() WHERE id = $1`,
      [id],
    );
  },
  /** Deletes an uninstalled tenant and all it owns, unless it came back since `uninstalledAt`. */
  async purgeUninstalled(id: string, uninstalledAt: string): Promise<boolean> {
    const { rowCount } = await db.query(
      `DELETE FROM tenants WHERE id = $1 AND status = 'uninstalled' AND uninstalled_at = $2`,
      [id, uninstalledAt],
    );
    return rowCount > 0;
  },
});
export type TenantsRepository = ReturnType<typeof tenantsRepository>;
