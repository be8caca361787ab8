import { json, toIso } from '../rows.js';
import type { TenantScope } from '../tenantScope.js';

/** How the CRM said a deal is a renewal: its deal type, a renewal pipeline, or an admin-mapped property. */
export type RenewalRecognition = 'deal_type' | 'pipeline' | 'property';

/**
 * A renewal and the deal it renews. `originalDealId` is null when no original could be found; the
 * deal is still a renewal. `recognisedBy` is null for a link made by hand.
 */
export type RenewalLink = {
  dealId: string;
  originalDealId: string | null;
  recognisedBy: RenewalRecognition | null;
  /** What the CRM said (`deal type existingbusiness`, `pipeline renewals`, `is_renewal = true`). */
  evidence: string | null;
  /** Why this original, or why none. */
  reason: string | null;
  linkedAt: string | null;
};

type Row = {
  deal_id: string;
  original_deal_id: string | null;
  recognised_by: RenewalRecognition | null;
  evidence: string | null;
  reason: string | null;
  linked_at: Date | string | null;
};

const toLink = (row: Row): RenewalLink => ({
  dealId: row.deal_id,
  originalDealId: row.original_deal_id,
  recognisedBy: row.recognised_by,
  evidence: row.evidence,
  reason: row.reason,
  linkedAt: row.linked_at === null ? null : toIso(row.linked_at),
});

/** Which deal a renewal renews: set by the CRM mapping (or an admin), read when the renewal closes. */
export const dealRenewalsRepository = ({ tenantId, db }: TenantScope) => {
  const get = async (dealId: string): Promise<RenewalLink | undefined> => {
    const { rows } = await db.query<Row>(
      'SELECT * FROM deal_renewals WHERE tenant_id = $1 AND deal_id = $2',
      [tenantId, dealId],
    );
    return rows[0] && toLink(rows[0]);
  };
  return {
    /** A link made by hand: it names the original, and the CRM's marks do not move it. */
    async link(dealId: string, originalDealId: string): Promise<void> {
      await db.query(
        `INSERT INTO deal_renewals (tenant_id, deal_id, original_deal_id) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id, deal_id) DO UPDATE SET original_deal_id = EXCLUDED.original_deal_id,
         recognised_by = NULL, evidence = NULL, reason = NULL, linked_at = NULL`,
        [tenantId, dealId, originalDealId],
      );
    },
    /** Several CRM-marked renewals in one statement (a backfill page holds dozens). */
    async recordMany(
      links: readonly (RenewalLink & { recognisedBy: RenewalRecognition; linkedAt: string })[],
    ): Promise<void> {
      if (links.length === 0) return;
      await db.query(
        `INSERT INTO deal_renewals (tenant_id, deal_id, original_deal_id, recognised_by, evidence, reason, linked_at)
         SELECT $1, l.deal_id, l.original_deal_id, l.recognised_by, l.evidence, l.reason, l.linked_at
         FROM jsonb_to_recordset($2::jsonb) AS l(deal_id text, original_deal_id text, recognised_by text,
           evidence text, reason text, linked_at timestamptz)
         ON CONFLICT (tenant_id, deal_id) DO UPDATE SET original_deal_id = EXCLUDED.original_deal_id,
           recognised_by = EXCLUDED.recognised_by, evidence = EXCLUDED.evidence, reason = EXCLUDED.reason,
           linked_at = EXCLUDED.linked_at`,
        [
          tenantId,
          json(
            links.map((l) => ({
              deal_id: l.dealId,
              original_deal_id: l.originalDealId,
              recognised_by: l.recognisedBy,
              evidence: l.evidence,
              reason: l.reason,
              linked_at: l.linkedAt,
            })),
          ),
        ],
      );
    },
    async removeMany(dealIds: readonly string[]): Promise<void> {
      if (dealIds.length === 0) return;
      await db.query('DELETE FROM deal_renewals WHERE tenant_id = $1 AND deal_id = ANY($2::text[])', [
        tenantId,
        [...dealIds],
      ]);
    },
    get,
    /** The deal a renewal renews; undefined for new business and for a renewal with no original. */
    async originalOf(dealId: string): Promise<string | undefined> {
      return (await get(dealId))?.originalDealId ?? undefined;
    },
    /** Every renewal, with or without its original. */
    async renewalDealIds(): Promise<Set<string>> {
      const { rows } = await db.query<{ deal_id: string }>(
        'SELECT deal_id FROM deal_renewals WHERE tenant_id = $1',
        [tenantId],
      );
      return new Set(rows.map((row) => row.deal_id));
    },
    async getMany(dealIds: readonly string[]): Promise<Map<string, RenewalLink>> {
      if (dealIds.length === 0) return new Map();
      const { rows } = await db.query<Row>(
        'SELECT * FROM deal_renewals WHERE tenant_id = $1 AND deal_id = ANY($2::text[])',
        [tenantId, [...dealIds]],
      );
      return new Map(rows.map((row) => [row.deal_id, toLink(row)]));
    },
  };
};
export type DealRenewalsRepository = ReturnType<typeof dealRenewalsRepository>;
