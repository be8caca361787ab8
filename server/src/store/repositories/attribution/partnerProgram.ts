import type { CustomerOutcome } from '@entente/shared/partner-value';
import { toIso } from '../rows.js';
import type { TenantScope } from '../tenantScope.js';

export type StoredCustomerOutcome = CustomerOutcome & {
  id: string;
  partnerId: string;
  dealId: string | null;
  note: string | null;
  recordedAt: string;
};

/** Facts about a partner's membership that the CRM does not hold: when it joined, its customer outcomes. */
export const partnerProgramRepository = ({ tenantId, db }: TenantScope) => ({
  async setJoinedAt(partnerId: string, joinedAt: string): Promise<void> {
    await db.query(
      `INSERT INTO partner_program (tenant_id, partner_id, joined_at) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id, partner_id) DO UPDATE SET joined_at = EXCLUDED.joined_at`,
      [tenantId, partnerId, joinedAt],
    );
  },
  async joinedAt(): Promise<Map<string, string>> {
    const { rows } = await db.query<{ partner_id: string; joined_at: Date | string }>(
      'SELECT partner_id, joined_at FROM partner_program WHERE tenant_id = $1',
      [tenantId],
    );
    return new Map(rows.map((row) => [row.partner_id, toIso(row.joined_at)]));
  },
  async addOutcome(outcome: StoredCustomerOutcome): Promise<void> {
    const o = outcome;
    await db.query(
      `INSERT INTO partner_customer_outcomes (tenant_id, id, partner_id, deal_id, verified, csat, note, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (tenant_id, id) DO UPDATE SET verified = EXCLUDED.verified, csat = EXCLUDED.csat, note = EXCLUDED.note`,
      [tenantId, o.id, o.partnerId, o.dealId, o.verified, o.csat, o.note, o.recordedAt],
    );
  },
  async outcomesOf(partnerId: string): Promise<StoredCustomerOutcome[]> {
    const { rows } = await db.query<{
      id: string;
      partner_id: string;
      deal_id: string | null;
      verified: boolean;
      csat: number | null;
      note: string | null;
      recorded_at: Date | string;
    }>(
      'SELECT * FROM partner_customer_outcomes WHERE tenant_id = $1 AND partner_id = $2 ORDER BY recorded_at, id',
      [tenantId, partnerId],
    );
    return rows.map((row) => ({
      id: row.id,
      partnerId: row.partner_id,
      dealId: row.deal_id,
      verified: row.verified,
      csat: row.csat,
      note: row.note,
      recordedAt: toIso(row.recorded_at),
    }));
  },
});
export type PartnerProgramRepository = ReturnType<typeof partnerProgramRepository>;
