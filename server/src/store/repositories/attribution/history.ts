import { json, toIso } from '../rows.js';
import type { TenantScope } from '../tenantScope.js';

/** What changed a deal's credit. */
export type AttributionHistoryKind =
  'finalised' | 'sourcing_credited' | 'sourcing_withdrawn' | 'dispute_upheld';

/** One line of a deal's credit history, in the words the deal card shows. */
export type AttributionHistoryEntry = {
  dealId: string;
  seq: number;
  at: string;
  kind: AttributionHistoryKind;
  /** The participant the change is about, when there is one. */
  participantId: string | null;
  line: string;
  details: Record<string, unknown>;
};

type Row = {
  deal_id: string;
  seq: number | string;
  at: Date | string;
  kind: AttributionHistoryKind;
  participant_id: string | null;
  line: string;
  details: Record<string, unknown>;
};

const toEntry = (row: Row): AttributionHistoryEntry => ({
  dealId: row.deal_id,
  seq: Number(row.seq),
  at: toIso(row.at),
  kind: row.kind,
  participantId: row.participant_id,
  line: row.line,
  details: row.details,
});

/**
 * Why a deal's credit is what it is now: each finalisation, each sourcing credit given or taken
 * back, each upheld dispute. Written in the transaction of the change it tells; the audit log holds
 * the evidence, this the sentence.
 */
export const attributionHistoryRepository = ({ tenantId, db }: TenantScope) => ({
  async append(entry: Omit<AttributionHistoryEntry, 'seq'>): Promise<void> {
    await db.query(
      `INSERT INTO attribution_history (tenant_id, deal_id, at, kind, participant_id, line, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [tenantId, entry.dealId, entry.at, entry.kind, entry.participantId, entry.line, json(entry.details)],
    );
  },
  /** Oldest first. */
  async listByDeal(
    dealId: string,
    { limit = 200 }: { limit?: number } = {},
  ): Promise<AttributionHistoryEntry[]> {
    const { rows } = await db.query<Row>(
      `SELECT * FROM (SELECT * FROM attribution_history WHERE tenant_id = $1 AND deal_id = $2
         ORDER BY seq DESC LIMIT $3) recent ORDER BY seq`,
      [tenantId, dealId, limit],
    );
    return rows.map(toEntry);
  },
});
export type AttributionHistoryRepository = ReturnType<typeof attributionHistoryRepository>;
