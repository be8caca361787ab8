import type { MetricId, ProgramMetricsInput } from '@entente/shared/metrics';
import { toIso } from '../../store/repositories/rows.js';
import type { TenantStore } from '../../store/store.js';
import { closedAtOf, loadAllDeals, loadAllTouchpoints } from './attributableDeals.js';

/**
 * Metrics whose source records the service does not keep yet. They are answered with a null value
 * and this reason rather than a number made up from nothing.
 */
export const unavailableMetrics: Partial<Record<MetricId, string>> = {
  routing_cycle_time: 'lead and co-sell routing is not built yet, so there are no routings to time',
  duplicate_detection_accuracy:
    'reviewers do not record a verdict on the duplicate check when they decide, so there is nothing to compare the automatic verdict with',
};

/**
 * Turns the store's rows into the metric engine's plain records. Decisions come from the
 * governance decision history: the approvals and rejections that settled a registration (by the
 * rules, a person, or a confirmed override). One without a person is automated; one whose review
 * was escalated first (its clock ran out and it was reassigned) is escalated; a confirmed override
 * is "overridden". Intake sessions say where partners started, stopped and finished. A registration whose
 * duplicate/conflict check found something is a conflict, detected at submission and resolved when
 * it was decided. Partners count from the day recorded as their joining day.
 */
export const loadProgramMetricsInput = async (
  tenant: TenantStore,
  now: Date,
): Promise<ProgramMetricsInput> => {
  const [deals, touchpoints, renewals, joined, registrations, decisions, conflicts, attributions] =
    await Promise.all([
      loadAllDeals(tenant),
      loadAllTouchpoints(tenant),
      tenant.attribution.renewals.renewalDealIds(),
      tenant.attribution.partnerProgram.joinedAt(),
      tenant.programMetrics.registrationSubmissions(),
      tenant.programMetrics.decisions(),
      tenant.programMetrics.conflicts(),
      tenant.programMetrics.attributionFinalisations(),
    ]);
  const [disputes, sessions] = await Promise.all([
    tenant.programMetrics.disputeOpenings(),
    tenant.intakeSessions.list(),
  ]);
  return {
    intakeSessions: sessions.map((s) => ({
      id: s.id,
      startedAt: s.startedAt,
      submittedAt: s.submittedAt,
      lastStage: s.lastStage,
      fieldsRequired: s.fieldsFilled ?? 0,
    })),
    routings: [],
    duplicateReviews: [],
    partners: [...joined].map(([id, joinedAt]) => ({ id, joinedAt })),
    activities: [
      ...registrations.map((r) => ({
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
    decisions: decisions.map((d) => ({
      id: `${d.registration_id}:${d.seq}`,
      subject: 'registration' as const,
      submittedAt: toIso(d.submitted_at),
      decidedAt: toIso(d.decided_at),
      automated: d.actor_user_id === null,
      escalated: d.escalated_before,
      ruleIds: (d.fired_rules ?? []).flatMap((rule) => (rule.ruleId ? [rule.ruleId] : [])),
      overridden: d.kind === 'override',
    })),
    conflicts: conflicts.map((c) => ({
      id: c.registration_id,
      detectedAt: toIso(c.submitted_at),
      resolvedAt: c.decided_at === null ? null : toIso(c.decided_at),
    })),
    disputes: disputes.map((d) => ({ id: d.id, openedAt: toIso(d.opened_at) })),
    attributions: attributions.map((a) => ({ dealId: a.deal_id, finalisedAt: toIso(a.finalised_at) })),
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
