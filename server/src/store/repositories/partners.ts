import type { Partner } from '@entente/shared/domain';
import type { PartnerContact } from '@entente/shared/governance';
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
  /**
   * Holds the tenant's partner list until the transaction ends, so two concurrent adds or edits
   * cannot both pass the duplicate check. Call it first inside `store.inTransaction`.
   */
  async lockForChanges(): Promise<void> {
    await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`entente.partners:${tenantId}`]);
  },
  /** Every partner's recorded domains (partner_domains), in the order given. */
  async domainsByPartner(): Promise<Map<string, string[]>> {
    const { rows } = await db.query<{ partner_id: string; domain: string }>(
      'SELECT partner_id, domain FROM partner_domains WHERE tenant_id = $1 ORDER BY partner_id, position',
      [tenantId],
    );
    const byPartner = new Map<string, string[]>();
    for (const row of rows)
      byPartner.set(row.partner_id, [...(byPartner.get(row.partner_id) ?? []), row.domain]);
    return byPartner;
  },
  /** Replaces a partner's domains. A domain another partner of the tenant holds violates the key. */
  async setDomains(partnerId: string, domains: readonly string[]): Promise<void> {
    await db.query('DELETE FROM partner_domains WHERE tenant_id = $1 AND partner_id = $2', [
      tenantId,
      partnerId,
    ]);
    for (const [position, domain] of domains.entries())
      await db.query(
        'INSERT INTO partner_domains (tenant_id, domain, partner_id, position) VALUES ($1, $2, $3, $4)',
        [tenantId, domain, partnerId, position],
      );
  },
  /** Every partner's contacts, in the order given. */
  async contactsByPartner(): Promise<Map<string, PartnerContact[]>> {
    const { rows } = await db.query<{ partner_id: string; name: string; email: string; role: string }>(
      `SELECT partner_id, name, email, role FROM partner_contacts WHERE tenant_id = $1
       ORDER BY partner_id, position`,
      [tenantId],
    );
    const byPartner = new Map<string, PartnerContact[]>();
    for (const { partner_id: partnerId, name, email, role } of rows)
      byPartner.set(partnerId, [...(byPartner.get(partnerId) ?? []), { name, email, role }]);
    return byPartner;
  },
  /** Replaces a partner's contacts. */
  async setContacts(partnerId: string, contacts: readonly PartnerContact[]): Promise<void> {
    await db.query('DELETE FROM partner_contacts WHERE tenant_id = $1 AND partner_id = $2', [
      tenantId,
      partnerId,
    ]);
    for (const [position, contact] of contacts.entries())
      await db.query(
        `INSERT INTO partner_contacts (tenant_id, partner_id, position, name, email, role)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [tenantId, partnerId, position, contact.name, contact.email, contact.role],
      );
  },
});
export type PartnersRepository = ReturnType<typeof partnersRepository>;
