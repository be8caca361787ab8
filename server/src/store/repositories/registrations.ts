import type { Registration } from '@entente/shared/domain';
import { isoOrNull, json, toIso } from './rows.js';
import type { TenantScope } from './tenantScope.js';

type RegistrationRow = {
  id: string;
  partner_id: string;
  customer: Registration['customer'];
  account_id: string | null;
  deal_id: string | null;
  status: Registration['status'];
  amount_minor: number | null;
  currency: string | null;
  expected_close_date: string | null;
  notes: string | null;
  submitted_at: Date | string;
  decided_at: Date | string | null;
  protected_until: Date | string | null;
};

export const toRegistration = (row: RegistrationRow): Registration => ({
  id: row.id,
  partnerId: row.partner_id,
  customer: row.customer,
  accountId: row.account_id,
  dealId: row.deal_id,
  status: row.status,
  amountMinor: row.amount_minor,
  currency: row.currency,
  expectedCloseDate: row.expected_close_date,
  notes: row.notes,
  submittedAt: toIso(row.submitted_at),
  decidedAt: isoOrNull(row.decided_at),
  protectedUntil: isoOrNull(row.protected_until),
});

export const registrationsRepository = ({ tenantId, db }: TenantScope) => ({
  async upsert(registration: Registration): Promise<void> {
    const r = registration;
    await db.query(
      `INSERT INTO registrations (tenant_id, id, partner_id, customer, account_id, deal_id, status, amount_minor,
         currency, expected_close_date, notes, submitted_at, decided_at, protected_until)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (tenant_id, id) DO UPDATE SET customer = EXCLUDED.customer, account_id = EXCLUDED.account_id,
         deal_id = EXCLUDED.deal_id, status = EXCLUDED.status, amount_minor = EXCLUDED.amount_minor,
         currency = EXCLUDED.currency, expected_close_date = EXCLUDED.expected_close_date, notes = EXCLUDED.notes,
         decided_at = EXCLUDED.decided_at, protected_until = EXCLUDED.protected_until, updated_at = now()`,
      [
        tenantId,
        r.id,
        r.partnerId,
        json(r.customer),
        r.accountId,
        r.dealId,
        r.status,
        r.amountMinor,
        r.currency,
        r.expectedCloseDate,
        r.notes,
        r.submittedAt,
        r.decidedAt,
        r.protectedUntil,
      ],
    );
  },
  async get(id: string): Promise<Registration | undefined> {
    const { rows } = await db.query<RegistrationRow>(
      'SELECT * FROM registrations WHERE tenant_id = $1 AND id = $2',
      [tenantId, id],
    );
    return rows[0] && toRegistration(rows[0]);
  },
  /** Several registrations in one query; ids not found are absent from the map. */
  async getMany(ids: readonly string[]): Promise<Map<string, Registration>> {
    if (ids.length === 0) return new Map();
    const { rows } = await db.query<RegistrationRow>(
      'SELECT * FROM registrations WHERE tenant_id = $1 AND id = ANY($2::text[])',
      [tenantId, [...ids]],
    );
    return new Map(rows.map((row) => [row.id, toRegistration(row)]));
  },
  /** The registrations on several accounts in one query, each account's by submission then id. */
  async listByAccounts(accountIds: readonly string[]): Promise<Registration[]> {
    if (accountIds.length === 0) return [];
    const { rows } = await db.query<RegistrationRow>(
      `SELECT * FROM registrations WHERE tenant_id = $1 AND account_id = ANY($2::text[])
       ORDER BY account_id, submitted_at, id`,
      [tenantId, [...accountIds]],
    );
    return rows.map(toRegistration);
  },
  async listByPartner(partnerId: string): Promise<Registration[]> {
    const { rows } = await db.query<RegistrationRow>(
      'SELECT * FROM registrations WHERE tenant_id = $1 AND partner_id = $2 ORDER BY submitted_at, id',
      [tenantId, partnerId],
    );
    return rows.map(toRegistration);
  },
  async listByDeal(dealId: string): Promise<Registration[]> {
    const { rows } = await db.query<RegistrationRow>(
      'SELECT * FROM registrations WHERE tenant_id = $1 AND deal_id = $2 ORDER BY submitted_at, id',
      [tenantId, dealId],
    );
    return rows.map(toRegistration);
  },
  async listByAccount(accountId: string): Promise<Registration[]> {
    const { rows } = await db.query<RegistrationRow>(
      'SELECT * FROM registrations WHERE tenant_id = $1 AND account_id = $2 ORDER BY submitted_at, id',
      [tenantId, accountId],
    );
    return rows.map(toRegistration);
  },
  /** Protected registrations on these accounts still waiting for their deal, oldest first. */
  async listProtectedWithoutDeal(accountIds: readonly string[]): Promise<Registration[]> {
    const { rows } = await db.query<RegistrationRow>(
      `SELECT * FROM registrations WHERE tenant_id = $1 AND account_id = ANY($2) AND deal_id IS NULL
         AND status IN ('approved', 'extended') ORDER BY submitted_at, id`,
      [tenantId, accountIds],
    );
    return rows.map(toRegistration);
  },
  async list({ after = '', limit = 1000 }: { after?: string; limit?: number } = {}): Promise<Registration[]> {
    const { rows } = await db.query<RegistrationRow>(
      'SELECT * FROM registrations WHERE tenant_id = $1 AND id > $2 ORDER BY id LIMIT $3',
      [tenantId, after, limit],
    );
    return rows.map(toRegistration);
  },
});
export type RegistrationsRepository = ReturnType<typeof registrationsRepository>;
