import type { DealOutcome } from '../attribution/attributableDeal.js';
import type { TouchKind } from '../attribution/touchpoint.js';

/** The plain records the program metrics are computed from; the store turns rows into these. */
export type IntakeSession = {
  id: string;
  startedAt: string;
  submittedAt: string | null;
  lastStage: string;
  fieldsRequired: number;
};
export type ProgramPartner = { id: string; joinedAt: string };
export type PartnerActivity = {
  partnerId: string;
  at: string;
  kind: 'registration' | 'co_sell_request' | 'touchpoint';
};
export type Routing = { id: string; routedAt: string; acceptedAt: string | null };
export type DuplicateCheckReview = {
  predictedDuplicate: boolean;
  confirmedDuplicate: boolean;
  reviewedAt: string;
};
export type GovernanceDecision = {
  id: string;
  subject: 'registration' | 'conflict' | 'routing';
  submittedAt: string;
  decidedAt: string | null;
  automated: boolean;
  escalated: boolean;
  ruleIds: readonly string[];
  overridden: boolean;
};
export type ConflictRecord = { id: string; detectedAt: string; resolvedAt: string | null };
export type DisputeRecord = { id: string; openedAt: string };
export type FinalisedAttribution = { dealId: string; finalisedAt: string };
export type MetricDeal = {
  id: string;
  amountMinor: number;
  outcome: DealOutcome;
  kind: 'new' | 'renewal';
  createdAt: string;
  closedAt: string | null;
};
export type MetricTouch = { dealId: string; participantId: string; kind: TouchKind };

export type ProgramMetricsInput = {
  intakeSessions: readonly IntakeSession[];
  partners: readonly ProgramPartner[];
  activities: readonly PartnerActivity[];
  routings: readonly Routing[];
  duplicateReviews: readonly DuplicateCheckReview[];
  decisions: readonly GovernanceDecision[];
  conflicts: readonly ConflictRecord[];
  disputes: readonly DisputeRecord[];
  attributions: readonly FinalisedAttribution[];
  deals: readonly MetricDeal[];
  touchpoints: readonly MetricTouch[];
};
