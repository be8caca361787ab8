import type { ConflictRecord, DisputeRecord, FinalisedAttribution, GovernanceDecision } from './inputs.js';
import {
  hoursBetween,
  inWindow,
  medianOf,
  ratio,
  type MetricValue,
  type MetricWindow,
} from './metricValue.js';

export const approvalTurnaround = (
  decisions: readonly GovernanceDecision[],
  window: MetricWindow,
): MetricValue =>
  medianOf(
    'approval_turnaround',
    decisions
      .filter((d) => d.subject === 'registration' && inWindow(d.decidedAt, window))
      .map((d) => hoursBetween(d.submittedAt, d.decidedAt as string)),
  );

export const conflictResolutionTime = (
  conflicts: readonly ConflictRecord[],
  window: MetricWindow,
): MetricValue =>
  medianOf(
    'conflict_resolution_time',
    conflicts
      .filter((c) => inWindow(c.resolvedAt, window))
      .map((c) => hoursBetween(c.detectedAt, c.resolvedAt as string)),
  );

export const disputeRate = (
  disputes: readonly DisputeRecord[],
  attributions: readonly FinalisedAttribution[],
  window: MetricWindow,
): MetricValue =>
  ratio(
    'dispute_rate',
    disputes.filter((d) => inWindow(d.openedAt, window)).length,
    attributions.filter((a) => inWindow(a.finalisedAt, window)).length,
  );

export const roeAdherence = (decisions: readonly GovernanceDecision[], window: MetricWindow): MetricValue => {
  const decided = decisions.filter((d) => inWindow(d.decidedAt, window));
  return ratio(
    'roe_adherence',
    decided.filter((d) => d.ruleIds.length > 0 && !d.overridden).length,
    decided.length,
  );
};
