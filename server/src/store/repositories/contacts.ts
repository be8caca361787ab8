import type { Contact } from '@entente/shared/domain';
import type { TenantScope } from './tenantScope.js';

type ContactRow = {
  id: string;
  crm_id: string;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  job_title: string | null;
  phone: string | null;
  account_id: string | null;
  owner_id: string | null;
};

const toContact = (row: ContactRow): Contact => ({
  id: row.id,
  crmId: row.crm_id,
  email: row.email,
  firstName: row.first_name,
  lastName: row.last_name,
  jobTitle: row.job_title,
  phone: row.phone,
  accountId: row.account_id,
  ownerId: row.owner_id,
});

export const contactsRepository = ({ tenantId, db }: TenantScope) => ({
  async upsert(contact: Contact): Promise<void> {
    await db.query(
      `INSERT INTO contacts (tenant_id, id, crm_id, email, first_name, last_name, job_title, phone, account_id, owner_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (tenant_id, id) DO UPDATE SET crm_id = EXCLUDED.crm_id, email = EXCLUDED.email,
         first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name, job_title = EXCLUDED.job_title,
         phone = EXCLUDED.phone, account_id = EXCLUDED.account_id, owner_id = EXCLUDED.owner_id, updated_at = now()`,
      [
        tenantId,
        contact.id,
        contact.crmId,
        contact.email,
        contact.firstName,
        contact.lastName,
        contact.jobTitle,
        contact.phone,
        contact.accountId,
        contact.ownerId,
      ],
    );
  },
  async get(id: string): Promise<Contact | undefined> {
    const { rows } = await db.query<ContactRow>('SELECT * FROM contacts WHERE tenant_id = $1 AND id = $2', [
      tenantId,
      id,
    ]);
    return rows[0] && toContact(rows[0]);
  },
  async count(): Promise<number> {
    const { rows } = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM contacts WHERE tenant_id = $1',
      [tenantId],
    );
    return rows[0]?.n ?? 0;
  },
  async remove(id: string): Promise<boolean> {
    const { rowCount } = await db.query('DELETE FROM contacts WHERE tenant_id = $1 AND id = $2', [
      tenantId,
      id,
    ]);
    return rowCount > 0;
  },
  /** Replaces the contacts associated with a deal (associations are read whole from the CRM). */
  async setDealContacts(dealId: string, contactIds: readonly string[]): Promise<void> {
    await db.query('DELETE FROM deal_contacts WHERE tenant_id = $1 AND deal_id = $2', [tenantId, dealId]);
    if (contactIds.length === 0) return;
    await db.query(
      `INSERT INTO deal_contacts (tenant_id, deal_id, contact_id)
       SELECT $1, $2, unnest($3::text[]) ON CONFLICT DO NOTHING`,
      [tenantId, dealId, [...new Set(contactIds)]],
    );
  },
  /** setDealContacts for many deals at once (a backfill page). */
  async setManyDealContacts(
    links: readonly { dealId: string; contactIds: readonly string[] }[],
  ): Promise<void> {
    if (links.length === 0) return;
    await db.query('DELETE FROM deal_contacts WHERE tenant_id = $1 AND deal_id = ANY($2::text[])', [
      tenantId,
      links.map((link) => link.dealId),
    ]);
    const pairs = links.flatMap((link) => [...new Set(link.contactIds)].map((id) => [link.dealId, id]));
    if (pairs.length === 0) return;
    await db.query(
      `INSERT INTO deal_contacts (tenant_id, deal_id, contact_id)
       SELECT $1, unnest($2::text[]), unnest($3::text[]) ON CONFLICT DO NOTHING`,
      [tenantId, pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    );
  },
  async listDealContactIds(dealId: string): Promise<string[]> {
    const { rows } = await db.query<{ contact_id: string }>(
      'SELECT contact_id FROM deal_contacts WHERE tenant_id = $1 AND deal_id = $2 ORDER BY contact_id',
      [tenantId, dealId],
    );
    return rows.map((row) => row.contact_id);
  },
});
export type ContactsRepository = ReturnType<typeof contactsRepository>;
