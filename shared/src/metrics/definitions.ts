export type MetricGroup = 'friction' | 'ai_operations' | 'trust' | 'program_health';
export type MetricUnit = 'ratio' | 'hours' | 'days' | 'count' | 'minor_units';

export type MetricId =
  | 'form_completion_rate'
  | 'abandonment_by_stage'
  | 'fields_required'
  | 'time_to_first_meaningful_activity'
  | 'routing_cycle_time'
  | 'duplicate_detection_accuracy'
  | 'automated_resolution_rate'
  | 'human_escalation_rate'
  | 'approval_turnaround'
  | 'conflict_resolution_time'
  | 'dispute_rate'
  | 'roe_adherence'
  | 'activation_rate'
  | 'sourced_pipeline'
  | 'influenced_pipeline'
  | 'renewal_contribution'
  | 'adoption_contribution'
  | 'partner_attachment_rate'
  | 'time_to_first_deal';

export type MetricDefinition = {
  id: MetricId;
  group: MetricGroup;
  name: string;
  unit: MetricUnit;
  better: 'higher' | 'lower';
  /** What is counted, over which records, and which timestamp puts a record in the [from, to) window. */
  definition: string;
};

const define = (
  id: MetricId,
  group: MetricGroup,
  name: string,
  unit: MetricUnit,
  better: 'higher' | 'lower',
  definition: string,
): MetricDefinition => ({
  id,
  group,
  name,
  unit,
  better,
  definition,
});

/** How many days after joining a partner still counts as activated by its first registration. */
export const ACTIVATION_WINDOW_DAYS = 90;

/** Served with the metrics so every number on a dashboard carries its definition. */
export const programMetricDefinitions: readonly MetricDefinition[] = [
  define(
    'form_completion_rate',
    'friction',
    'Completion rate',
    'ratio',
    'higher',
    'Intake sessions (form, chat or API) started in the window that ended in a submitted registration, divided by all intake sessions started in the window.',
  ),
  define(
    'abandonment_by_stage',
    'friction',
    'Abandonment by stage',
    'ratio',
    'lower',
    'Intake sessions started in the window and never submitted, divided by all sessions started in the window; the breakdown gives the same ratio per stage the session was last seen at.',
  ),
  define(
    'fields_required',
    'friction',
    'Fields required',
    'count',
    'lower',
    'Median number of fields a partner had to fill in, over intake sessions submitted in the window (fields the service enriched itself do not count).',
  ),
  define(
    'time_to_first_meaningful_activity',
    'friction',
    'Time to first meaningful activity',
    'days',
    'lower',
    'Median days from a partner joining to its first meaningful activity (a registration, a co-sell request or a touchpoint), over partners whose first such activity falls in the window.',
  ),
  define(
    'routing_cycle_time',
    'ai_operations',
    'Routing cycle time',
    'hours',
    'lower',
    'Median hours from a lead or co-sell request being routed to a partner accepting it, over routings accepted in the window; re-routings count from the first routing.',
  ),
  define(
    'duplicate_detection_accuracy',
    'ai_operations',
    'Duplicate detection accuracy',
    'ratio',
    'higher',
    'Duplicate checks reviewed by a person in the window where the automatic verdict (duplicate or not) matched the reviewer, divided by all reviewed checks; the breakdown gives precision and recall.',
  ),
  define(
    'automated_resolution_rate',
    'ai_operations',
    'Automated resolution rate',
    'ratio',
    'higher',
    'Decisions (registrations, conflicts, routings) made in the window without a person, divided by all decisions made in the window.',
  ),
  define(
    'human_escalation_rate',
    'ai_operations',
    'Human escalation rate',
    'ratio',
    'lower',
    'Decisions made in the window whose review was escalated first (its clock ran out and it was reassigned to the deal desk or an admin), divided by all decisions made in the window. A person deciding a review on time is not an escalation.',
  ),
  define(
    'approval_turnaround',
    'trust',
    'Approval turnaround',
    'hours',
    'lower',
    'Median hours from a registration being submitted to its approval or rejection, over registrations decided in the window.',
  ),
  define(
    'conflict_resolution_time',
    'trust',
    'Conflict resolution time',
    'hours',
    'lower',
    'Median hours from a conflict being detected to its resolution, over conflicts resolved in the window.',
  ),
  define(
    'dispute_rate',
    'trust',
    'Dispute rate',
    'ratio',
    'lower',
    'Attribution disputes opened in the window, divided by the deals whose attribution was finalised in the window.',
  ),
  define(
    'roe_adherence',
    'trust',
    'Adherence to the rules of engagement',
    'ratio',
    'higher',
    'Decisions made in the window that cite at least one rule of engagement and were not overridden, divided by all decisions made in the window.',
  ),
  define(
    'activation_rate',
    'program_health',
    'Activation rate',
    'ratio',
    'higher',
    `Partners who joined in the window and submitted a registration within ${ACTIVATION_WINDOW_DAYS} days of joining, divided by all partners who joined in the window.`,
  ),
  define(
    'sourced_pipeline',
    'program_health',
    'Sourced pipeline',
    'minor_units',
    'higher',
    'Total amount of deals created in the window, of any outcome, that a partner sourced or referred.',
  ),
  define(
    'influenced_pipeline',
    'program_health',
    'Influenced pipeline',
    'minor_units',
    'higher',
    'Total amount of deals created in the window, of any outcome, that partners touched without sourcing or referring; never double counted with sourced pipeline.',
  ),
  define(
    'renewal_contribution',
    'program_health',
    'Renewal contribution',
    'ratio',
    'higher',
    'Amount of won renewals closed in the window that a partner supported (renewal support touchpoint), divided by the amount of all won renewals closed in the window.',
  ),
  define(
    'adoption_contribution',
    'program_health',
    'Adoption contribution',
    'ratio',
    'higher',
    'Won deals closed in the window where a partner delivered implementation work, divided by all won deals closed in the window.',
  ),
  define(
    'partner_attachment_rate',
    'program_health',
    'Partner attachment rate',
    'ratio',
    'higher',
    'Won deals closed in the window with at least one partner touchpoint, divided by all won deals closed in the window.',
  ),
  define(
    'time_to_first_deal',
    'program_health',
    'Time to first deal',
    'days',
    'lower',
    'Median days from a partner joining to its first won deal, over partners whose first won deal closed in the window.',
  ),
];

export const metricDefinition = (id: MetricId): MetricDefinition =>
  programMetricDefinitions.find((definition) => definition.id === id) as MetricDefinition;
