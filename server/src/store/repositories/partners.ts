import type { Partner } from '@entente/shared/domain';
import { json } from './rows.js';
import type { TenantScope } from './tenantScope.js';

type PartnerRow = {
  id: string;
  name: string;
  domain: string | null;
  tier: string;
  motions: Partner['motions'];
  capabilities: Partner['capabilities'];
  manager_user_id: string | null;
  active: boolean;
};

export const toPartner = (row: PartnerRow): Partner => ({
  id: row.id,
  name: row.name,
  domain: row.domain,
  tier: row.tier,
  motions: row.motions,
  capabilities: row.capabilities,
  managerUserId: row.manager_user_id,
  active: row.active,
});

export const partnersRepository = ({ tenantId, db }: TenantScope) => ({
  async upsert(partner: Partner): Promise<void> {
    await db.query(
      `INSERT INTO partners (tenant_id, id, name, domain, tier, motions, capabilities, manager_user_id, active)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (tenant_id, id) DO UPDATE SET name = EXCLUDED.name, domain = EXCLUDED.domain,
         tier = EXCLUDED.tier, motions = EXCLUDED.motions, capabilities = EXCLUDED.capabilities,
         manager_user_id = EXCLUDED.manager_user_id, active = EXCLUDED.active, updated_at = now()`,
      [
        tenantId,
        partner.id,
        partner.name,
        partner.domain,
        partner.tier,
        partner.motions,
        json(partner.capabilities),
        partner.managerUserId,
        partner.active,
      ],
    );
  },
  async get(id: string): Promise<Partner | undefined> {
    const { rows } = await db.query<PartnerRow>('SELECT * FROM partners WHERE tenant_id = $1 AND id = $2', [
      tenantId,
      id,
    ]);
    return rows[0] && toPartner(rows[0]);
  },
  async list(): Promise<Partner[]> {
    const { rows } = await db.query<PartnerRow>('SELECT * FROM partners WHERE tenant_id = $1 ORDER BY id', [
      tenantId,
    ]);
    return rows.map(toPartner);
  },
});
export type PartnersRepository = ReturnType<typeof partnersRepository>;
