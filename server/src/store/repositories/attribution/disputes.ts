import type { Dispute, DisputeRemedy } from '@entente/shared/attribution';
import { json, toIso } from '../rows.js';
import type { TenantScope } from '../tenantScope.js';

type DisputeRow = {
  id: string;
  deal_id: string;
  participant_id: string;
  raised_by_role: Dispute['raisedBy']['role'];
  raised_by_id: string;
  reason: string;
  state: Dispute['state'];
  opened_at: Date | string;
  deadline: Date | string;
  adjudicator_id: string | null;
  outcome_reason: string | null;
  remedy?: DisputeRemedy | null;
  applied_revision?: number | null;
  history: Dispute['history'];
};

export const toDispute = (row: DisputeRow): Dispute => ({
  id: row.id,
  dealId: row.deal_id,
  participantId: row.participant_id,
  raisedBy: { role: row.raised_by_role, id: row.raised_by_id },
  reason: row.reason,
  state: row.state,
  openedAt: toIso(row.opened_at),
  deadline: toIso(row.deadline),
  adjudicatorId: row.adjudicator_id,
  outcomeReason: row.outcome_reason,
  remedy: row.remedy ?? null,
  appliedRevision: row.applied_revision ?? null,
  history: row.history,
});

export const disputesRepository = ({ tenantId, db }: TenantScope) => ({
  /** False when the split already has a live dispute (the partial unique index says so). */
  async insert(dispute: Dispute): Promise<boolean> {
    const d = dispute;
    const { rowCount } = await db.query(
      `INSERT INTO attribution_disputes (tenant_id, id, deal_id, participant_id, raised_by_role, raised_by_id, reason,
         state, opened_at, deadline, adjudicator_id, outcome_reason, history, remedy, applied_revision)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       ON CONFLICT DO NOTHING`,
      [
        tenantId,
        d.id,
        d.dealId,
        d.participantId,
        d.raisedBy.role,
        d.raisedBy.id,
        d.reason,
        d.state,
        d.openedAt,
        d.deadline,
        d.adjudicatorId,
        d.outcomeReason,
        json(d.history),
        d.remedy === null ? null : json(d.remedy),
        d.appliedRevision,
      ],
    );
    return rowCount > 0;
  },
  async update(dispute: Dispute): Promise<void> {
    await db.query(
      `UPDATE attribution_disputes SET state = $3, adjudicator_id = $4, outcome_reason = $5, history = $6,
         remedy = $7, applied_revision = $8
       WHERE tenant_id = $1 AND id = $2`,
      [
        tenantId,
        dispute.id,
        dispute.state,
        dispute.adjudicatorId,
        dispute.outcomeReason,
        json(dispute.history),
        dispute.remedy === null ? null : json(dispute.remedy),
        dispute.appliedRevision,
      ],
    );
  },
  /** Locks the row until the transaction ends, so two adjudicators cannot decide it at once. */
  async getForUpdate(id: string): Promise<Dispute | undefined> {
    const { rows } = await db.query<DisputeRow>(
      'SELECT * FROM attribution_disputes WHERE tenant_id = $1 AND id = $2 FOR UPDATE',
      [tenantId, id],
    );
    return rows[0] && toDispute(rows[0]);
  },
  async get(id: string): Promise<Dispute | undefined> {
    const { rows } = await db.query<DisputeRow>(
      'SELECT * FROM attribution_disputes WHERE tenant_id = $1 AND id = $2',
      [tenantId, id],
    );
    return rows[0] && toDispute(rows[0]);
  },
  async listByDeal(dealId: string): Promise<Dispute[]> {
    const { rows } = await db.query<DisputeRow>(
      'SELECT * FROM attribution_disputes WHERE tenant_id = $1 AND deal_id = $2 ORDER BY opened_at, id',
      [tenantId, dealId],
    );
    return rows.map(toDispute);
  },
  async openedBetween(from: string, to: string): Promise<Dispute[]> {
    const { rows } = await db.query<DisputeRow>(
      `SELECT * FROM attribution_disputes WHERE tenant_id = $1 AND opened_at >= $2 AND opened_at < $3
       ORDER BY opened_at, id`,
      [tenantId, from, to],
    );
    return rows.map(toDispute);
  },
  /** Disputes still waiting for a decision, soonest deadline first: the reviewers' queue. */
  async listLive({ limit = 200 }: { limit?: number } = {}): Promise<Dispute[]> {
    const { rows } = await db.query<DisputeRow>(
      `SELECT * FROM attribution_disputes WHERE tenant_id = $1 AND state IN ('open', 'under_review')
       ORDER BY deadline, id LIMIT $2`,
      [tenantId, limit],
    );
    return rows.map(toDispute);
  },
  /** Live disputes whose deadline has passed: the sweeper's work list. */
  async overdue(now: string): Promise<Dispute[]> {
    const { rows } = await db.query<DisputeRow>(
      `SELECT * FROM attribution_disputes WHERE tenant_id = $1 AND state IN ('open', 'under_review') AND deadline <= $2
       ORDER BY deadline, id`,
      [tenantId, now],
    );
    return rows.map(toDispute);
  },
});
export type DisputesRepository = ReturnType<typeof disputesRepository>;
