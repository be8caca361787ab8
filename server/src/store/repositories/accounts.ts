import type { Account } from '@entente/shared/domain';
import { json } from './rows.js';
import type { TenantScope } from './tenantScope.js';

type AccountRow = {
  id: string;
  crm_id: string;
  name: string;
  domains: string[];
  phone: string | null;
  address: Account['address'];
  industry: string | null;
  employees: number | null;
  owner_id: string | null;
  parent_account_id: string | null;
};

export const toAccount = (row: AccountRow): Account => ({
  id: row.id,
  crmId: row.crm_id,
  name: row.name,
  domains: row.domains,
  phone: row.phone,
  address: row.address,
  industry: row.industry,
  employees: row.employees,
  ownerId: row.owner_id,
  parentAccountId: row.parent_account_id,
});

export const accountsRepository = ({ tenantId, db }: TenantScope) => ({
  async upsert(account: Account): Promise<void> {
    await db.query(
      `INSERT INTO accounts (tenant_id, id, crm_id, name, domains, phone, address, industry, employees, owner_id, parent_account_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (tenant_id, id) DO UPDATE SET crm_id = EXCLUDED.crm_id, name = EXCLUDED.name,
         domains = EXCLUDED.domains, phone = EXCLUDED.phone, address = EXCLUDED.address,
         industry = EXCLUDED.industry, employees = EXCLUDED.employees, owner_id = EXCLUDED.owner_id,
         parent_account_id = EXCLUDED.parent_account_id, updated_at = now()`,
      [
        tenantId,
        account.id,
        account.crmId,
        account.name,
        account.domains,
        account.phone,
        account.address === null ? null : json(account.address),
        account.industry,
        account.employees,
        account.ownerId,
        account.parentAccountId,
      ],
    );
  },
  async get(id: string): Promise<Account | undefined> {
    const { rows } = await db.query<AccountRow>('SELECT * FROM accounts WHERE tenant_id = $1 AND id = $2', [
      tenantId,
      id,
    ]);
    return rows[0] && toAccount(rows[0]);
  },
  /** Several accounts in one query; ids not found are absent from the map. */
  async getMany(ids: readonly string[]): Promise<Map<string, Account>> {
    if (ids.length === 0) return new Map();
    const { rows } = await db.query<AccountRow>(
      'SELECT * FROM accounts WHERE tenant_id = $1 AND id = ANY($2::text[])',
      [tenantId, [...ids]],
    );
    return new Map(rows.map((row) => [row.id, toAccount(row)]));
  },
  async findByCrmId(crmId: string): Promise<Account | undefined> {
    const { rows } = await db.query<AccountRow>(
      'SELECT * FROM accounts WHERE tenant_id = $1 AND crm_id = $2',
      [tenantId, crmId],
    );
    return rows[0] && toAccount(rows[0]);
  },
  /** Keyset pagination by id, so long reads (index building, exports) never skip or repeat rows. */
  async list({ after = '', limit = 1000 }: { after?: string; limit?: number } = {}): Promise<Account[]> {
    const { rows } = await db.query<AccountRow>(
      'SELECT * FROM accounts WHERE tenant_id = $1 AND id > $2 ORDER BY id LIMIT $3',
      [tenantId, after, limit],
    );
    return rows.map(toAccount);
  },
  async count(): Promise<number> {
    const { rows } = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM accounts WHERE tenant_id = $1',
      [tenantId],
    );
    return rows[0]?.n ?? 0;
  },
  async remove(id: string): Promise<boolean> {
    const { rowCount } = await db.query('DELETE FROM accounts WHERE tenant_id = $1 AND id = $2', [
      tenantId,
      id,
    ]);
    return rowCount > 0;
  },
});
export type AccountsRepository = ReturnType<typeof accountsRepository>;
