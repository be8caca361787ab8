import type { TenantScope } from '../tenantScope.js';

/** Which deal a renewal renews: set by the CRM mapping (or an admin), read when the renewal closes. */
export const dealRenewalsRepository = ({ tenantId, db }: TenantScope) => ({
  async link(dealId: string, originalDealId: string): Promise<void> {
    await db.query(
      `INSERT INTO deal_renewals (tenant_id, deal_id, original_deal_id) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id, deal_id) DO UPDATE SET original_deal_id = EXCLUDED.original_deal_id`,
      [tenantId, dealId, originalDealId],
    );
  },
  async originalOf(dealId: string): Promise<string | undefined> {
    const { rows } = await db.query<{ original_deal_id: string }>(
      'SELECT original_deal_id FROM deal_renewals WHERE tenant_id = $1 AND deal_id = $2',
      [tenantId, dealId],
    );
    return rows[0]?.original_deal_id;
  },
  async renewalDealIds(): Promise<Set<string>> {
    const { rows } = await db.query<{ deal_id: string }>(
      'SELECT deal_id FROM deal_renewals WHERE tenant_id = $1',
      [tenantId],
    );
    return new Set(rows.map((row) => row.deal_id));
  },
});
export type DealRenewalsRepository = ReturnType<typeof dealRenewalsRepository>;
