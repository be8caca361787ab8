import type { Deal } from '@entente/shared/domain';
import { json, toIso } from './rows.js';
import type { TenantScope } from './tenantScope.js';

type DealRow = {
  id: string;
  crm_id: string;
  name: string;
  account_id: string | null;
  stage: string;
  stage_category: Deal['stageCategory'];
  amount_minor: number;
  currency: string;
  close_date: string | null;
  owner_id: string | null;
  splits: Deal['splits'];
  created_at: Date | string;
};

export const toDeal = (row: DealRow): Deal => ({
  id: row.id,
  crmId: row.crm_id,
  name: row.name,
  accountId: row.account_id,
  stage: row.stage,
  stageCategory: row.stage_category,
  amountMinor: row.amount_minor,
  currency: row.currency,
  closeDate: row.close_date,
  ownerId: row.owner_id,
  splits: row.splits,
  createdAt: toIso(row.created_at),
});

/** A deal's place in its account's history: when it was created, whether and when it was won. */
export type DealTimeline = Pick<
  Deal,
  'id' | 'name' | 'accountId' | 'stageCategory' | 'closeDate' | 'createdAt'
>;

export const dealsRepository = ({ tenantId, db }: TenantScope) => ({
  async upsert(deal: Deal): Promise<void> {
    await db.query(
      `INSERT INTO deals (tenant_id, id, crm_id, name, account_id, stage, stage_category, amount_minor, currency,
         close_date, owner_id, splits, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (tenant_id, id) DO UPDATE SET crm_id = EXCLUDED.crm_id, name = EXCLUDED.name,
         account_id = EXCLUDED.account_id, stage = EXCLUDED.stage, stage_category = EXCLUDED.stage_category,
         amount_minor = EXCLUDED.amount_minor, currency = EXCLUDED.currency, close_date = EXCLUDED.close_date,
         owner_id = EXCLUDED.owner_id, splits = EXCLUDED.splits, updated_at = now()`,
      [
        tenantId,
        deal.id,
        deal.crmId,
        deal.name,
        deal.accountId,
        deal.stage,
        deal.stageCategory,
        deal.amountMinor,
        deal.currency,
        deal.closeDate,
        deal.ownerId,
        json(deal.splits),
        deal.createdAt,
      ],
    );
  },
  /**
   * Upserts many deals in one statement (a backfill page). A deal already stored keeps its splits:
   * they are Entente's, not the CRM's.
   */
  async upsertManyKeepingSplits(deals: readonly Deal[]): Promise<void> {
    if (deals.length === 0) return;
    await db.query(
      `INSERT INTO deals (tenant_id, id, crm_id, name, account_id, stage, stage_category, amount_minor, currency,
         close_date, owner_id, splits, created_at)
       SELECT $1, d.id, d.crm_id, d.name, d.account_id, d.stage, d.stage_category, d.amount_minor, d.currency,
         d.close_date, d.owner_id, d.splits, d.created_at
       FROM jsonb_to_recordset($2::jsonb) AS d(id text, crm_id text, name text, account_id text, stage text,
         stage_category text, amount_minor bigint, currency text, close_date date, owner_id text, splits jsonb,
         created_at timestamptz)
       ON CONFLICT (tenant_id, id) DO UPDATE SET crm_id = EXCLUDED.crm_id, name = EXCLUDED.name,
         account_id = EXCLUDED.account_id, stage = EXCLUDED.stage, stage_category = EXCLUDED.stage_category,
         amount_minor = EXCLUDED.amount_minor, currency = EXCLUDED.currency, close_date = EXCLUDED.close_date,
         owner_id = EXCLUDED.owner_id, updated_at = now()`,
      [
        tenantId,
        json(
          deals.map((deal) => ({
            id: deal.id,
            crm_id: deal.crmId,
            name: deal.name,
            account_id: deal.accountId,
            stage: deal.stage,
            stage_category: deal.stageCategory,
            amount_minor: deal.amountMinor,
            currency: deal.currency,
            close_date: deal.closeDate,
            owner_id: deal.ownerId,
            splits: deal.splits,
            created_at: deal.createdAt,
          })),
        ),
      ],
    );
  },
  async get(id: string): Promise<Deal | undefined> {
    const { rows } = await db.query<DealRow>('SELECT * FROM deals WHERE tenant_id = $1 AND id = $2', [
      tenantId,
      id,
    ]);
    return rows[0] && toDeal(rows[0]);
  },
  async getMany(ids: readonly string[]): Promise<Map<string, Deal>> {
    if (ids.length === 0) return new Map();
    const { rows } = await db.query<DealRow>(
      'SELECT * FROM deals WHERE tenant_id = $1 AND id = ANY($2::text[])',
      [tenantId, [...ids]],
    );
    return new Map(rows.map((row) => [row.id, toDeal(row)]));
  },
  async findByCrmId(crmId: string): Promise<Deal | undefined> {
    const { rows } = await db.query<DealRow>('SELECT * FROM deals WHERE tenant_id = $1 AND crm_id = $2', [
      tenantId,
      crmId,
    ]);
    return rows[0] && toDeal(rows[0]);
  },
  async listByAccount(accountId: string): Promise<Deal[]> {
    const { rows } = await db.query<DealRow>(
      'SELECT * FROM deals WHERE tenant_id = $1 AND account_id = $2 ORDER BY id',
      [tenantId, accountId],
    );
    return rows.map(toDeal);
  },
  /** The deals on several accounts in one query, ordered by account then id. */
  async listByAccounts(accountIds: readonly string[]): Promise<Deal[]> {
    if (accountIds.length === 0) return [];
    const { rows } = await db.query<DealRow>(
      'SELECT * FROM deals WHERE tenant_id = $1 AND account_id = ANY($2::text[]) ORDER BY account_id, id',
      [tenantId, [...accountIds]],
    );
    return rows.map(toDeal);
  },
  /**
   * What choosing a renewal's original needs about every deal on some accounts, without the rest
   * of each row: the sync asks for it on every page it writes.
   */
  async timelineByAccounts(accountIds: readonly string[]): Promise<DealTimeline[]> {
    if (accountIds.length === 0) return [];
    const { rows } = await db.query<{
      id: string;
      name: string;
      account_id: string;
      stage_category: Deal['stageCategory'];
      close_date: string | null;
      created_at: Date | string;
    }>(
      `SELECT id, name, account_id, stage_category, close_date, created_at FROM deals
       WHERE tenant_id = $1 AND account_id = ANY($2::text[]) ORDER BY account_id, id`,
      [tenantId, [...accountIds]],
    );
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      accountId: row.account_id,
      stageCategory: row.stage_category,
      closeDate: row.close_date,
      createdAt: toIso(row.created_at),
    }));
  },
  async list({ after = '', limit = 1000 }: { after?: string; limit?: number } = {}): Promise<Deal[]> {
    const { rows } = await db.query<DealRow>(
      'SELECT * FROM deals WHERE tenant_id = $1 AND id > $2 ORDER BY id LIMIT $3',
      [tenantId, after, limit],
    );
    return rows.map(toDeal);
  },
  async count(): Promise<number> {
    const { rows } = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM deals WHERE tenant_id = $1',
      [tenantId],
    );
    return rows[0]?.n ?? 0;
  },
  async remove(id: string): Promise<boolean> {
    const { rowCount } = await db.query('DELETE FROM deals WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
    return rowCount > 0;
  },
});
export type DealsRepository = ReturnType<typeof dealsRepository>;
