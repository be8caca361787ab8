import type { DealAttribution, ModelName, RenewalAttribution } from '@entente/shared/attribution';
import { json, toIso } from '../rows.js';
import type { TenantScope } from '../tenantScope.js';

/** The split a deal was finalised with at close: the credit of record, until it is finalised again. */
export type StoredAttribution = {
  dealId: string;
  /** 1 at the first close; +1 each time the deal is finalised again (reopened and won again, new policy). */
  revision: number;
  model: ModelName;
  settingsVersion: number;
  amountMinor: number;
  currency: string;
  result: DealAttribution | RenewalAttribution;
  finalisedAt: string;
};

type Row = {
  deal_id: string;
  revision: number;
  model: ModelName;
  settings_version: number;
  amount_minor: number;
  currency: string;
  result: StoredAttribution['result'];
  finalised_at: Date | string;
};

export const toStored = (row: Row): StoredAttribution => ({
  dealId: row.deal_id,
  revision: row.revision,
  model: row.model,
  settingsVersion: row.settings_version,
  amountMinor: row.amount_minor,
  currency: row.currency,
  result: row.result,
  finalisedAt: toIso(row.finalised_at),
});

export const dealAttributionsRepository = ({ tenantId, db }: TenantScope) => ({
  async save(attribution: Omit<StoredAttribution, 'revision'>): Promise<StoredAttribution> {
    const a = attribution;
    const { rows } = await db.query<Row>(
      `INSERT INTO deal_attributions (tenant_id, deal_id, revision, model, settings_version, amount_minor, currency, result, finalised_at)
       VALUES ($1, $2, 1, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (tenant_id, deal_id) DO UPDATE SET revision = deal_attributions.revision + 1,
         model = EXCLUDED.model, settings_version = EXCLUDED.settings_version, amount_minor = EXCLUDED.amount_minor,
         currency = EXCLUDED.currency, result = EXCLUDED.result, finalised_at = EXCLUDED.finalised_at
       RETURNING *`,
      [
        tenantId,
        a.dealId,
        a.model,
        a.settingsVersion,
        a.amountMinor,
        a.currency,
        json(a.result),
        a.finalisedAt,
      ],
    );
    return toStored(rows[0] as Row);
  },
  async get(dealId: string): Promise<StoredAttribution | undefined> {
    const { rows } = await db.query<Row>(
      'SELECT * FROM deal_attributions WHERE tenant_id = $1 AND deal_id = $2',
      [tenantId, dealId],
    );
    return rows[0] && toStored(rows[0]);
  },
  /**
   * Serialises writers of one deal's credit of record (finalising, upholding a dispute) until the
   * transaction ends, so an adjudicated split and a re-finalisation cannot overwrite each other.
   */
  async lockDeal(dealId: string): Promise<void> {
    await db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `deal_attribution:${tenantId}:${dealId}`,
    ]);
  },
  /** When each deal's attribution was finalised, for the dispute rate. */
  async finalisedBetween(from: string, to: string): Promise<{ dealId: string; finalisedAt: string }[]> {
    const { rows } = await db.query<{ deal_id: string; finalised_at: Date | string }>(
      `SELECT deal_id, finalised_at FROM deal_attributions
       WHERE tenant_id = $1 AND finalised_at >= $2 AND finalised_at < $3 ORDER BY deal_id`,
      [tenantId, from, to],
    );
    return rows.map((row) => ({ dealId: row.deal_id, finalisedAt: toIso(row.finalised_at) }));
  },
});
export type DealAttributionsRepository = ReturnType<typeof dealAttributionsRepository>;
