import type { MetricId, ProgramMetricsInput } from '@entente/shared/metrics';
import type { Queryable } from '../../store/database.js';
import { toIso } from '../../store/repositories/rows.js';
import type { TenantStore } from '../../store/store.js';
import { closedAtOf, loadAllDeals, loadAllTouchpoints } from './attributableDeals.js';

/**
 * Metrics whose source records the service does not keep yet. They are answered with a null value
 * and this reason rather than a number made up from nothing.
 */
export const unavailableMetrics: Partial<Record<MetricId, string>> = {
  form_completion_rate: 'intake sessions (started but not submitted forms) are not recorded yet',
  abandonment_by_stage: 'intake sessions (started but not submitted forms) are not recorded yet',
  fields_required: 'intake sessions (the fields each partner filled in) are not recorded yet',
  routing_cycle_time: 'lead and co-sell routing is not built yet',
  duplicate_detection_accuracy: 'reviewer verdicts on duplicate checks are not recorded yet',
};

type DecisionRow = {
  registration_id: string;
  seq: number;
  submitted_at: Date | string;
  decided_at: Date | string;
  actor_user_id: string | null;
  second_approver_id: string | null;
  kind: string;
  fired_rules: { ruleId?: string }[] | null;
};

type ConflictRow = { registration_id: string; submitted_at: Date | string; decided_at: Date | string | null };

/**
 * Turns the store's rows into the metric engine's plain records. Decisions come from the
 * governance decision history (a decision without a person is automated; one made by a person
 * was escalated to them; an override or four-eyes decision is "overridden"). A registration whose
 * duplicate/conflict check found something is a conflict, detected at submission and resolved when
 * it was decided. Partners count from the day recorded as their joining day.
 */
export const loadProgramMetricsInput = async (
  db: Queryable,
  tenant: TenantStore,
  now: Date,
): Promise<ProgramMetricsInput> => {
  const tenantId = tenant.tenantId;
  const [deals, touchpoints, renewals, joined, registrations, decisions, conflicts, attributions] =
    await Promise.all([
      loadAllDeals(tenant),
      loadAllTouchpoints(tenant),
      tenant.attribution.renewals.renewalDealIds(),
      tenant.attribution.partnerProgram.joinedAt(),
      db.query<{ partner_id: string; submitted_at: Date | string }>(
        'SELECT partner_id, submitted_at FROM registrations WHERE tenant_id = $1',
        [tenantId],
      ),
      db.query<DecisionRow>(
        `SELECT d.registration_id, d.seq, r.submitted_at, d.decided_at, d.actor_user_id, d.second_approver_id, d.kind, d.fired_rules
         FROM registration_decisions d
         JOIN registrations r ON r.tenant_id = d.tenant_id AND r.id = d.registration_id
         WHERE d.tenant_id = $1 AND d.outcome IN ('approve', 'approved', 'reject', 'rejected')`,
        [tenantId],
      ),
      db.query<ConflictRow>(
        `SELECT g.registration_id, r.submitted_at, r.decided_at
         FROM registration_governance g
         JOIN registrations r ON r.tenant_id = g.tenant_id AND r.id = g.registration_id
         WHERE g.tenant_id = $1 AND jsonb_array_length(g.conflicts) > 0`,
        [tenantId],
      ),
      db.query<{ deal_id: string; finalised_at: Date | string }>(
        'SELECT deal_id, finalised_at FROM deal_attributions WHERE tenant_id = $1',
        [tenantId],
      ),
    ]);
  const disputes = await db.query<{ id: string; opened_at: Date | string }>(
    'SELECT id, opened_at FROM attribution_disputes WHERE tenant_id = $1',
    [tenantId],
  );
  return {
    intakeSessions: [],
    routings: [],
    duplicateReviews: [],
    partners: [...joined].map(([id, joinedAt]) => ({ id, joinedAt })),
    activities: [
      ...registrations.rows.map((r) => ({
        partnerId: r.partner_id,
        at: toIso(r.submitted_at),
        kind: 'registration' as const,
      })),
      ...touchpoints.map((t) => ({
        partnerId: t.participantId,
        at: t.occurredAt,
        kind: 'touchpoint' as const,
      })),
    ],
    decisions: decisions.rows.map((d) => ({
      id: `${d.registration_id}:${d.seq}`,
      subject: 'registration' as const,
      submittedAt: toIso(d.submitted_at),
      decidedAt: toIso(d.decided_at),
      automated: d.actor_user_id === null,
      escalated: d.actor_user_id !== null,
      ruleIds: (d.fired_rules ?? []).flatMap((rule) => (rule.ruleId ? [rule.ruleId] : [])),
      overridden: d.kind === 'override' || d.second_approver_id !== null,
    })),
    conflicts: conflicts.rows.map((c) => ({
      id: c.registration_id,
      detectedAt: toIso(c.submitted_at),
      resolvedAt: c.decided_at === null ? null : toIso(c.decided_at),
    })),
    disputes: disputes.rows.map((d) => ({ id: d.id, openedAt: toIso(d.opened_at) })),
    attributions: attributions.rows.map((a) => ({ dealId: a.deal_id, finalisedAt: toIso(a.finalised_at) })),
    deals: deals.map((deal) => ({
      id: deal.id,
      amountMinor: deal.amountMinor,
      outcome: deal.stageCategory,
      kind: renewals.has(deal.id) ? ('renewal' as const) : ('new' as const),
      createdAt: deal.createdAt,
      closedAt: deal.stageCategory === 'open' ? null : closedAtOf(deal, now),
    })),
    touchpoints: touchpoints.map((t) => ({ dealId: t.dealId, participantId: t.participantId, kind: t.kind })),
  };
};
