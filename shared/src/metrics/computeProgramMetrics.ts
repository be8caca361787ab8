import {
  automatedResolutionRate,
  duplicateDetectionAccuracy,
  humanEscalationRate,
  routingCycleTime,
} from './aiOperations.js';
import type { MetricGroup } from './definitions.js';
import {
  abandonmentByStage,
  fieldsRequired,
  formCompletionRate,
  timeToFirstMeaningfulActivity,
} from './friction.js';
import type { ProgramMetricsInput } from './inputs.js';
import { metricWindow, type MetricValue } from './metricValue.js';
import {
  activationRate,
  adoptionContribution,
  partnerAttachmentRate,
  partnerPipeline,
  renewalContribution,
  timeToFirstDeal,
} from './programHealth.js';
import { approvalTurnaround, conflictResolutionTime, disputeRate, roeAdherence } from './trust.js';

export type ProgramMetrics = { from: string; to: string; metrics: Record<MetricGroup, MetricValue[]> };

/** Every program metric for the window [from, to), grouped as in the product glossary. */
export const computeProgramMetrics = (
  input: ProgramMetricsInput,
  from: string,
  to: string,
): ProgramMetrics => {
  const window = metricWindow(from, to);
  const pipeline = partnerPipeline(input.deals, input.touchpoints, window);
  return {
    from,
    to,
    metrics: {
      friction: [
        formCompletionRate(input.intakeSessions, window),
        abandonmentByStage(input.intakeSessions, window),
        fieldsRequired(input.intakeSessions, window),
        timeToFirstMeaningfulActivity(input.partners, input.activities, window),
      ],
      ai_operations: [
        routingCycleTime(input.routings, window),
        duplicateDetectionAccuracy(input.duplicateReviews, window),
        automatedResolutionRate(input.decisions, window),
        humanEscalationRate(input.decisions, window),
      ],
      trust: [
        approvalTurnaround(input.decisions, window),
        conflictResolutionTime(input.conflicts, window),
        disputeRate(input.disputes, input.attributions, window),
        roeAdherence(input.decisions, window),
      ],
      program_health: [
        activationRate(input.partners, input.activities, window),
        pipeline.sourced,
        pipeline.influenced,
        renewalContribution(input.deals, input.touchpoints, window),
        adoptionContribution(input.deals, input.touchpoints, window),
        partnerAttachmentRate(input.deals, input.touchpoints, window),
        timeToFirstDeal(input.partners, input.deals, input.touchpoints, window),
      ],
    },
  };
};
