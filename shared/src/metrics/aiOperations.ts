import type { DuplicateCheckReview, GovernanceDecision, Routing } from './inputs.js';
import {
  hoursBetween,
  inWindow,
  medianOf,
  ratio,
  type MetricValue,
  type MetricWindow,
} from './metricValue.js';

export const routingCycleTime = (routings: readonly Routing[], window: MetricWindow): MetricValue =>
  medianOf(
    'routing_cycle_time',
    routings
      .filter((r) => inWindow(r.acceptedAt, window))
      .map((r) => hoursBetween(r.routedAt, r.acceptedAt as string)),
  );

export const duplicateDetectionAccuracy = (
  reviews: readonly DuplicateCheckReview[],
  window: MetricWindow,
): MetricValue => {
  const reviewed = reviews.filter((r) => inWindow(r.reviewedAt, window));
  let truePositive = 0;
  let falsePositive = 0;
  let falseNegative = 0;
  let correct = 0;
  for (const review of reviewed) {
    if (review.predictedDuplicate === review.confirmedDuplicate) correct += 1;
    if (review.predictedDuplicate && review.confirmedDuplicate) truePositive += 1;
    if (review.predictedDuplicate && !review.confirmedDuplicate) falsePositive += 1;
    if (!review.predictedDuplicate && review.confirmedDuplicate) falseNegative += 1;
  }
  const breakdown: Record<string, number> = {};
  if (truePositive + falsePositive > 0) breakdown.precision = truePositive / (truePositive + falsePositive);
  if (truePositive + falseNegative > 0) breakdown.recall = truePositive / (truePositive + falseNegative);
  return ratio('duplicate_detection_accuracy', correct, reviewed.length, breakdown);
};

const decidedIn = (decisions: readonly GovernanceDecision[], window: MetricWindow) =>
  decisions.filter((d) => inWindow(d.decidedAt, window));

export const automatedResolutionRate = (
  decisions: readonly GovernanceDecision[],
  window: MetricWindow,
): MetricValue => {
  const decided = decidedIn(decisions, window);
  return ratio('automated_resolution_rate', decided.filter((d) => d.automated).length, decided.length);
};

export const humanEscalationRate = (
  decisions: readonly GovernanceDecision[],
  window: MetricWindow,
): MetricValue => {
  const decided = decidedIn(decisions, window);
  return ratio('human_escalation_rate', decided.filter((d) => d.escalated).length, decided.length);
};
