import { computeProgramMetrics } from './computeProgramMetrics.js';
import { programMetricDefinitions, type MetricId } from './definitions.js';
import type { GovernanceDecision, ProgramMetricsInput } from './inputs.js';
import type { MetricValue } from './metricValue.js';

const FROM = '2025-04-01T00:00:00Z';
const TO = '2025-07-01T00:00:00Z';
const IN = '2025-05-01T00:00:00Z';
const BEFORE = '2025-03-01T00:00:00Z';

const decision = (overrides: Partial<GovernanceDecision>): GovernanceDecision => ({
  id: 'd',
  subject: 'registration',
  submittedAt: '2025-04-30T00:00:00Z',
  decidedAt: '2025-04-30T06:00:00Z',
  automated: true,
  escalated: false,
  ruleIds: ['P-1'],
  overridden: false,
  ...overrides,
});

const empty: ProgramMetricsInput = {
  intakeSessions: [],
  partners: [],
  activities: [],
  routings: [],
  duplicateReviews: [],
  decisions: [],
  conflicts: [],
  disputes: [],
  attributions: [],
  deals: [],
  touchpoints: [],
};

const input: ProgramMetricsInput = {
  ...empty,
  intakeSessions: [
    { id: 's1', startedAt: IN, submittedAt: IN, lastStage: 'submit', fieldsRequired: 3 },
    { id: 's2', startedAt: IN, submittedAt: IN, lastStage: 'submit', fieldsRequired: 5 },
    { id: 's3', startedAt: IN, submittedAt: null, lastStage: 'customer', fieldsRequired: 4 },
    { id: 's4', startedAt: IN, submittedAt: null, lastStage: 'amount', fieldsRequired: 4 },
    { id: 'old', startedAt: BEFORE, submittedAt: null, lastStage: 'customer', fieldsRequired: 9 },
  ],
  partners: [
    { id: 'p1', joinedAt: '2025-04-01T00:00:00Z' },
    { id: 'p2', joinedAt: '2025-04-10T00:00:00Z' },
  ],
  activities: [
    { partnerId: 'p1', at: '2025-04-05T00:00:00Z', kind: 'registration' },
    { partnerId: 'p2', at: '2025-04-12T00:00:00Z', kind: 'touchpoint' },
  ],
  routings: [
    { id: 'r1', routedAt: '2025-05-01T00:00:00Z', acceptedAt: '2025-05-01T02:00:00Z' },
    { id: 'r2', routedAt: '2025-05-01T00:00:00Z', acceptedAt: '2025-05-01T04:00:00Z' },
    { id: 'r3', routedAt: '2025-05-01T00:00:00Z', acceptedAt: null },
  ],
  duplicateReviews: [
    { predictedDuplicate: true, confirmedDuplicate: true, reviewedAt: IN },
    { predictedDuplicate: true, confirmedDuplicate: false, reviewedAt: IN },
    { predictedDuplicate: false, confirmedDuplicate: false, reviewedAt: IN },
    { predictedDuplicate: false, confirmedDuplicate: true, reviewedAt: IN },
  ],
  decisions: [
    decision({ id: 'a' }),
    decision({ id: 'b', automated: false, escalated: true, decidedAt: '2025-05-01T00:00:00Z', ruleIds: [] }),
    decision({ id: 'c', subject: 'conflict', automated: false, escalated: true, overridden: true }),
    decision({ id: 'd', decidedAt: null }),
  ],
  conflicts: [{ id: 'c1', detectedAt: '2025-05-01T00:00:00Z', resolvedAt: '2025-05-02T00:00:00Z' }],
  disputes: [{ id: 'x', openedAt: IN }],
  attributions: [
    { dealId: 'w1', finalisedAt: IN },
    { dealId: 'w2', finalisedAt: IN },
    { dealId: 'w3', finalisedAt: IN },
    { dealId: 'w4', finalisedAt: IN },
  ],
  deals: [
    {
      id: 'w1',
      amountMinor: 1000,
      outcome: 'won',
      kind: 'new',
      createdAt: IN,
      closedAt: '2025-05-10T00:00:00Z',
    },
    {
      id: 'w2',
      amountMinor: 2000,
      outcome: 'won',
      kind: 'new',
      createdAt: IN,
      closedAt: '2025-05-20T00:00:00Z',
    },
    { id: 'rn', amountMinor: 300, outcome: 'won', kind: 'renewal', createdAt: IN, closedAt: IN },
    { id: 'rn2', amountMinor: 700, outcome: 'won', kind: 'renewal', createdAt: IN, closedAt: IN },
    { id: 'open', amountMinor: 5000, outcome: 'open', kind: 'new', createdAt: IN, closedAt: null },
  ],
  touchpoints: [
    { dealId: 'w1', participantId: 'p1', kind: 'sourced' },
    { dealId: 'w1', participantId: 'p1', kind: 'implementation' },
    { dealId: 'w2', participantId: 'direct', kind: 'demo' },
    { dealId: 'rn', participantId: 'p2', kind: 'renewal_support' },
    { dealId: 'open', participantId: 'p2', kind: 'demo' },
  ],
};

const byId = (metrics: Record<string, MetricValue[]>): Record<MetricId, MetricValue> =>
  Object.fromEntries(
    Object.values(metrics)
      .flat()
      .map((m) => [m.id, m]),
  ) as Record<MetricId, MetricValue>;

describe('program metrics', () => {
  const m = byId(computeProgramMetrics(input, FROM, TO).metrics);

  it('When intake sessions are counted, then completion, abandonment by stage and fields required follow their definitions', () => {
    expect(m.form_completion_rate).toMatchObject({ value: 0.5, sampleSize: 4 });
    expect(m.abandonment_by_stage).toMatchObject({ value: 0.5, breakdown: { customer: 0.25, amount: 0.25 } });
    expect(m.fields_required).toMatchObject({ value: 4, sampleSize: 2 });
    expect(m.time_to_first_meaningful_activity).toMatchObject({ value: 3, sampleSize: 2 });
  });

  it('When routings, duplicate reviews and decisions are counted, then the AI operations metrics follow', () => {
    expect(m.routing_cycle_time).toMatchObject({ value: 3, sampleSize: 2 });
    expect(m.duplicate_detection_accuracy).toMatchObject({
      value: 0.5,
      breakdown: { precision: 0.5, recall: 0.5 },
    });
    expect(m.automated_resolution_rate.value).toBeCloseTo(1 / 3, 12);
    expect(m.human_escalation_rate.value).toBeCloseTo(2 / 3, 12);
  });

  it('When decisions, conflicts and disputes are counted, then the trust metrics follow', () => {
    // 6 hours and 24 hours.
    expect(m.approval_turnaround).toMatchObject({ value: 15, sampleSize: 2 });
    expect(m.conflict_resolution_time).toMatchObject({ value: 24, sampleSize: 1 });
    expect(m.dispute_rate).toMatchObject({ value: 0.25, sampleSize: 4 });
    expect(m.roe_adherence.value).toBeCloseTo(1 / 3, 12);
  });

  it('When deals and touchpoints are counted, then program health never credits the direct team as a partner', () => {
    expect(m.activation_rate).toMatchObject({ value: 0.5, sampleSize: 2 });
    expect(m.sourced_pipeline).toMatchObject({ value: 1000, sampleSize: 1 });
    expect(m.influenced_pipeline).toMatchObject({ value: 5300, sampleSize: 2 });
    expect(m.renewal_contribution).toMatchObject({
      value: 0.3,
      breakdown: { supportedMinor: 300, totalMinor: 1000 },
    });
    expect(m.adoption_contribution).toMatchObject({ value: 0.25, sampleSize: 4 });
    expect(m.partner_attachment_rate).toMatchObject({ value: 0.5, sampleSize: 4 });
    // p1: 39 days (joined 1 April, won 10 May); p2: 21 days (joined 10 April, renewal won 1 May).
    expect(m.time_to_first_deal).toMatchObject({ value: 30, sampleSize: 2 });
  });

  it('When there is nothing to measure, then each metric is null with its definition rather than zero', () => {
    const metrics = Object.values(computeProgramMetrics(empty, FROM, TO).metrics).flat();
    expect(metrics).toHaveLength(programMetricDefinitions.length);
    for (const metric of metrics) {
      if (metric.unit !== 'minor_units') expect(metric.value).toBeNull();
      expect(metric.definition.length).toBeGreaterThan(40);
    }
  });

  it('When the window is backwards, then it is refused with a code', () => {
    expect(() => computeProgramMetrics(empty, TO, FROM)).toThrow(
      expect.objectContaining({ code: 'METRICS.INVALID_WINDOW' }),
    );
  });
});
