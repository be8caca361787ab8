import type { TenantScope } from './tenantScope.js';

export type RegistrationSubmissionRow = { partner_id: string; submitted_at: Date | string };

export type MetricDecisionRow = {
  registration_id: string;
  seq: number;
  submitted_at: Date | string;
  decided_at: Date | string;
  actor_user_id: string | null;
  second_approver_id: string | null;
  kind: string;
  fired_rules: { ruleId?: string }[] | null;
  /** The registration's review ran out of time and was reassigned before this decision. */
  escalated_before: boolean;
};

export type MetricConflictRow = {
  registration_id: string;
  submitted_at: Date | string;
  decided_at: Date | string | null;
};

export type AttributionFinalisedRow = { deal_id: string; finalised_at: Date | string };
export type DisputeOpenedRow = { id: string; opened_at: Date | string };

/** The narrow, whole-tenant reads the program metrics are computed from. */
export const programMetricsRepository = ({ tenantId, db }: TenantScope) => ({
  async registrationSubmissions(): Promise<RegistrationSubmissionRow[]> {
    const { rows } = await db.query<RegistrationSubmissionRow>(
      'SELECT partner_id, submitted_at FROM registrations WHERE tenant_id = $1',
      [tenantId],
    );
    return rows;
  },
  /**
   * The approvals and rejections that settled a registration (by the rules, a person or a confirmed
   * override; not a mere proposal), with the registration's submission time and whether its review
   * was escalated before.
   */
  async decisions(): Promise<MetricDecisionRow[]> {
    const { rows } = await db.query<MetricDecisionRow>(
      `SELECT d.registration_id, d.seq, r.submitted_at, d.decided_at, d.actor_user_id, d.second_approver_id, d.kind, d.fired_rules,
              EXISTS (SELECT 1 FROM registration_decisions e
                       WHERE e.tenant_id = d.tenant_id AND e.registration_id = d.registration_id
                         AND e.kind = 'escalation' AND e.seq < d.seq) AS escalated_before
         FROM registration_decisions d
         JOIN registrations r ON r.tenant_id = d.tenant_id AND r.id = d.registration_id
         WHERE d.tenant_id = $1 AND d.kind IN ('policy', 'human', 'override')
           AND d.outcome IN ('approve', 'approved', 'reject', 'rejected')`,
      [tenantId],
    );
    return rows;
  },
  /** Registrations whose duplicate/conflict check found something. */
  async conflicts(): Promise<MetricConflictRow[]> {
    const { rows } = await db.query<MetricConflictRow>(
      `SELECT g.registration_id, r.submitted_at, r.decided_at
         FROM registration_governance g
         JOIN registrations r ON r.tenant_id = g.tenant_id AND r.id = g.registration_id
         WHERE g.tenant_id = $1 AND jsonb_array_length(g.conflicts) > 0`,
      [tenantId],
    );
    return rows;
  },
  async attributionFinalisations(): Promise<AttributionFinalisedRow[]> {
    const { rows } = await db.query<AttributionFinalisedRow>(
      'SELECT deal_id, finalised_at FROM deal_attributions WHERE tenant_id = $1',
      [tenantId],
    );
    return rows;
  },
  async disputeOpenings(): Promise<DisputeOpenedRow[]> {
    const { rows } = await db.query<DisputeOpenedRow>(
      'SELECT id, opened_at FROM attribution_disputes WHERE tenant_id = $1',
      [tenantId],
    );
    return rows;
  },
});
export type ProgramMetricsRepository = ReturnType<typeof programMetricsRepository>;
