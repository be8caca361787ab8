import type { Touchpoint } from '@entente/shared/attribution';
import { json, toIso } from '../rows.js';
import type { TenantScope } from '../tenantScope.js';

type TouchpointRow = {
  id: string;
  deal_id: string;
  participant_id: string;
  kind: Touchpoint['kind'];
  occurred_at: Date | string;
  source: Touchpoint['source'];
  evidence: Touchpoint['evidence'];
};

export const toTouchpoint = (row: TouchpointRow): Touchpoint => ({
  id: row.id,
  dealId: row.deal_id,
  participantId: row.participant_id,
  kind: row.kind,
  occurredAt: toIso(row.occurred_at),
  source: row.source,
  evidence: row.evidence,
});

export type StoredDuplicate = { duplicate: Touchpoint; keptId: string; reason: string };

export const touchpointsRepository = ({ tenantId, db }: TenantScope) => ({
  async insert(touchpoint: Touchpoint, recordedAt: Date): Promise<void> {
    const t = touchpoint;
    await db.query(
      `INSERT INTO touchpoints (tenant_id, id, deal_id, participant_id, kind, occurred_at, source, evidence, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        tenantId,
        t.id,
        t.dealId,
        t.participantId,
        t.kind,
        t.occurredAt,
        t.source,
        json(t.evidence),
        recordedAt.toISOString(),
      ],
    );
  },
  /** Inserts unless a touchpoint with this id exists; true when it was inserted. */
  async insertIfAbsent(touchpoint: Touchpoint, recordedAt: Date): Promise<boolean> {
    const t = touchpoint;
    const { rowCount } = await db.query(
      `INSERT INTO touchpoints (tenant_id, id, deal_id, participant_id, kind, occurred_at, source, evidence, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
      [
        tenantId,
        t.id,
        t.dealId,
        t.participantId,
        t.kind,
        t.occurredAt,
        t.source,
        json(t.evidence),
        recordedAt.toISOString(),
      ],
    );
    return rowCount > 0;
  },
  async updateEvidence(id: string, evidence: Touchpoint['evidence']): Promise<void> {
    await db.query('UPDATE touchpoints SET evidence = $3 WHERE tenant_id = $1 AND id = $2', [
      tenantId,
      id,
      json(evidence),
    ]);
  },
  /** The removed touchpoint, or undefined when there was none by that id. */
  async remove(id: string): Promise<Touchpoint | undefined> {
    const { rows } = await db.query<TouchpointRow>(
      'DELETE FROM touchpoints WHERE tenant_id = $1 AND id = $2 RETURNING *',
      [tenantId, id],
    );
    return rows[0] && toTouchpoint(rows[0]);
  },
  async recordDuplicate({ duplicate, keptId, reason }: StoredDuplicate, recordedAt: Date): Promise<void> {
    await db.query(
      `INSERT INTO touchpoint_duplicates (tenant_id, id, deal_id, kept_id, reason, touchpoint, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (tenant_id, id) DO UPDATE SET kept_id = EXCLUDED.kept_id, reason = EXCLUDED.reason`,
      [tenantId, duplicate.id, duplicate.dealId, keptId, reason, json(duplicate), recordedAt.toISOString()],
    );
  },
  /** Duplicates that pointed at `fromId` now point at `toId` (a more authoritative record replaced it). */
  async repointDuplicates(fromId: string, toId: string): Promise<void> {
    await db.query('UPDATE touchpoint_duplicates SET kept_id = $3 WHERE tenant_id = $1 AND kept_id = $2', [
      tenantId,
      fromId,
      toId,
    ]);
  },
  /** Ids already stored, as a touchpoint or as a recognised duplicate: re-deliveries of these are no-ops. */
  async knownIds(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const { rows } = await db.query<{ id: string }>(
      `SELECT id FROM touchpoints WHERE tenant_id = $1 AND id = ANY($2)
       UNION SELECT id FROM touchpoint_duplicates WHERE tenant_id = $1 AND id = ANY($2)`,
      [tenantId, ids],
    );
    return new Set(rows.map((row) => row.id));
  },
  async listByDeal(dealId: string): Promise<Touchpoint[]> {
    const { rows } = await db.query<TouchpointRow>(
      'SELECT * FROM touchpoints WHERE tenant_id = $1 AND deal_id = $2 ORDER BY occurred_at, id',
      [tenantId, dealId],
    );
    return rows.map(toTouchpoint);
  },
  async listByDeals(dealIds: readonly string[]): Promise<Touchpoint[]> {
    if (dealIds.length === 0) return [];
    const { rows } = await db.query<TouchpointRow>(
      'SELECT * FROM touchpoints WHERE tenant_id = $1 AND deal_id = ANY($2) ORDER BY deal_id, occurred_at, id',
      [tenantId, dealIds],
    );
    return rows.map(toTouchpoint);
  },
  async listByParticipant(participantId: string): Promise<Touchpoint[]> {
    const { rows } = await db.query<TouchpointRow>(
      'SELECT * FROM touchpoints WHERE tenant_id = $1 AND participant_id = $2 ORDER BY occurred_at, id',
      [tenantId, participantId],
    );
    return rows.map(toTouchpoint);
  },
  /** Keyset pagination by id, for reads over the whole tenant (metrics, simulation). */
  async list({ after = '', limit = 5000 }: { after?: string; limit?: number } = {}): Promise<Touchpoint[]> {
    const { rows } = await db.query<TouchpointRow>(
      'SELECT * FROM touchpoints WHERE tenant_id = $1 AND id > $2 ORDER BY id LIMIT $3',
      [tenantId, after, limit],
    );
    return rows.map(toTouchpoint);
  },
  /**
   * Serialises writers of one deal's touchpoints until the transaction ends, so two deliveries of
   * the same touch cannot both pass the duplicate check.
   */
  async lockDeal(dealId: string): Promise<void> {
    await db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `touchpoints:${tenantId}:${dealId}`,
    ]);
  },
});
export type TouchpointsRepository = ReturnType<typeof touchpointsRepository>;
