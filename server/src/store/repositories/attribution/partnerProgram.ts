import type { CustomerOutcome, PartnerOutcomeKind, TierAssessment } from '@entente/shared/partner-value';
import { json, toIso } from '../rows.js';
import type { TenantScope } from '../tenantScope.js';

/** Who vouches for an outcome: an internal user, or the CRM through an admin-mapped deal property. */
export type OutcomeSource = 'internal' | 'crm';

export type StoredCustomerOutcome = CustomerOutcome & {
  id: string;
  partnerId: string;
  /** Null only for outcomes recorded before kinds existed. */
  kind: PartnerOutcomeKind | null;
  dealId: string | null;
  note: string | null;
  source: OutcomeSource;
  /** The internal user who recorded it; null for the CRM. */
  recordedBy: string | null;
  /** When it happened, when known (a go-live date); null otherwise. */
  occurredAt: string | null;
  recordedAt: string;
};

/** Why a tier was assessed again: what changed for the partner. */
export type TierCause =
  | { kind: 'outcome_recorded'; outcomeIds: string[]; by: string }
  | { kind: 'deal_won'; dealId: string }
  | { kind: 'capabilities_changed'; by: string };

/** One stored assessment: the tier the partner got, why, what the next tier needs, and what caused it. */
export type StoredTierAssessment = TierAssessment & {
  partnerId: string;
  seq: number;
  assessedAt: string;
  /** The tier the partner held before this assessment. */
  previousTier: string;
  cause: TierCause;
};

type OutcomeRow = {
  id: string;
  partner_id: string;
  kind: PartnerOutcomeKind | null;
  deal_id: string | null;
  verified: boolean;
  csat: number | null;
  note: string | null;
  source: OutcomeSource;
  recorded_by: string | null;
  occurred_at: Date | string | null;
  recorded_at: Date | string;
};

const toOutcome = (row: OutcomeRow): StoredCustomerOutcome => ({
  id: row.id,
  partnerId: row.partner_id,
  kind: row.kind,
  dealId: row.deal_id,
  verified: row.verified,
  csat: row.csat,
  note: row.note,
  source: row.source,
  recordedBy: row.recorded_by,
  occurredAt: row.occurred_at === null ? null : toIso(row.occurred_at),
  recordedAt: toIso(row.recorded_at),
});

type TierRow = {
  partner_id: string;
  seq: number | string;
  assessed_at: Date | string;
  tier_id: string;
  tier_name: string;
  previous_tier: string;
  policy_version: string;
  reasons: string[];
  next: TierAssessment['next'];
  cause: TierCause;
};

const toAssessment = (row: TierRow): StoredTierAssessment => ({
  partnerId: row.partner_id,
  seq: Number(row.seq),
  assessedAt: toIso(row.assessed_at),
  tierId: row.tier_id,
  tierName: row.tier_name,
  previousTier: row.previous_tier,
  policyVersion: row.policy_version,
  reasons: row.reasons,
  next: row.next,
  cause: row.cause,
});

const outcomeParams = (tenantId: string, o: StoredCustomerOutcome) => [
  tenantId,
  o.id,
  o.partnerId,
  o.dealId,
  o.verified,
  o.csat,
  o.note,
  o.recordedAt,
  o.kind,
  o.source,
  o.recordedBy,
  o.occurredAt,
];

/**
 * Facts about a partner's membership that the CRM does not hold: when it joined, its customer
 * outcomes, and the tier assessments that set its tier.
 */
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
  /** Stores an outcome, or updates what can be corrected on one already stored (verified, CSAT, note). */
  async addOutcome(outcome: StoredCustomerOutcome): Promise<void> {
    await db.query(
      `INSERT INTO partner_customer_outcomes (tenant_id, id, partner_id, deal_id, verified, csat, note, recorded_at,
         kind, source, recorded_by, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (tenant_id, id) DO UPDATE SET verified = EXCLUDED.verified, csat = EXCLUDED.csat, note = EXCLUDED.note`,
      outcomeParams(tenantId, outcome),
    );
  },
  /**
   * Stores an outcome once: an id already stored changes nothing, so recording the same outcome
   * again (a retried request, a deal read again) is harmless. True when it was new.
   */
  async recordOutcome(outcome: StoredCustomerOutcome): Promise<boolean> {
    const { rowCount } = await db.query(
      `INSERT INTO partner_customer_outcomes (tenant_id, id, partner_id, deal_id, verified, csat, note, recorded_at,
         kind, source, recorded_by, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (tenant_id, id) DO NOTHING`,
      outcomeParams(tenantId, outcome),
    );
    return rowCount > 0;
  },
  async getOutcome(id: string): Promise<StoredCustomerOutcome | undefined> {
    const { rows } = await db.query<OutcomeRow>(
      'SELECT * FROM partner_customer_outcomes WHERE tenant_id = $1 AND id = $2',
      [tenantId, id],
    );
    return rows[0] && toOutcome(rows[0]);
  },
  async outcomesOf(partnerId: string): Promise<StoredCustomerOutcome[]> {
    const { rows } = await db.query<OutcomeRow>(
      'SELECT * FROM partner_customer_outcomes WHERE tenant_id = $1 AND partner_id = $2 ORDER BY recorded_at, id',
      [tenantId, partnerId],
    );
    return rows.map(toOutcome);
  },
  /** Per deal, the outcome kinds the CRM has already recorded on it (for any partner). */
  async crmOutcomeKindsByDeal(dealIds: readonly string[]): Promise<Map<string, Set<PartnerOutcomeKind>>> {
    if (dealIds.length === 0) return new Map();
    const { rows } = await db.query<{ deal_id: string; kind: PartnerOutcomeKind }>(
      `SELECT DISTINCT deal_id, kind FROM partner_customer_outcomes
       WHERE tenant_id = $1 AND source = 'crm' AND kind IS NOT NULL AND deal_id = ANY($2::text[])`,
      [tenantId, [...dealIds]],
    );
    const byDeal = new Map<string, Set<PartnerOutcomeKind>>();
    for (const row of rows) byDeal.set(row.deal_id, (byDeal.get(row.deal_id) ?? new Set()).add(row.kind));
    return byDeal;
  },

  /**
   * Holds the partner's tier until the transaction ends, so two assessments cannot both read the
   * old tier and both record a change. Call it first inside `store.inTransaction`.
   */
  async lockTier(partnerId: string): Promise<void> {
    await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`entente.tier:${tenantId}:${partnerId}`]);
  },
  async appendTierAssessment(entry: Omit<StoredTierAssessment, 'seq'>): Promise<StoredTierAssessment> {
    const { rows } = await db.query<TierRow>(
      `INSERT INTO partner_tier_history (tenant_id, partner_id, assessed_at, tier_id, tier_name, previous_tier,
         policy_version, reasons, next, cause)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
      [
        tenantId,
        entry.partnerId,
        entry.assessedAt,
        entry.tierId,
        entry.tierName,
        entry.previousTier,
        entry.policyVersion,
        json(entry.reasons),
        entry.next === null ? null : json(entry.next),
        json(entry.cause),
      ],
    );
    return toAssessment(rows[0] as TierRow);
  },
  /** Each partner's latest assessment: its tier of record and why. */
  async latestTiers(partnerIds: readonly string[]): Promise<Map<string, StoredTierAssessment>> {
    if (partnerIds.length === 0) return new Map();
    const { rows } = await db.query<TierRow>(
      `SELECT DISTINCT ON (partner_id) * FROM partner_tier_history
       WHERE tenant_id = $1 AND partner_id = ANY($2::text[]) ORDER BY partner_id, seq DESC`,
      [tenantId, [...partnerIds]],
    );
    return new Map(rows.map((row) => [row.partner_id, toAssessment(row)]));
  },
  /** A partner's assessments, oldest first. */
  async tierHistory(
    partnerId: string,
    { limit = 100 }: { limit?: number } = {},
  ): Promise<StoredTierAssessment[]> {
    const { rows } = await db.query<TierRow>(
      `SELECT * FROM (SELECT * FROM partner_tier_history WHERE tenant_id = $1 AND partner_id = $2
         ORDER BY seq DESC LIMIT $3) recent ORDER BY seq`,
      [tenantId, partnerId, limit],
    );
    return rows.map(toAssessment);
  },
});
export type PartnerProgramRepository = ReturnType<typeof partnerProgramRepository>;
