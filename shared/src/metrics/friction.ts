import type { IntakeSession, PartnerActivity, ProgramPartner } from './inputs.js';
import {
  daysBetween,
  inWindow,
  medianOf,
  ratio,
  type MetricValue,
  type MetricWindow,
} from './metricValue.js';

export const formCompletionRate = (sessions: readonly IntakeSession[], window: MetricWindow): MetricValue => {
  const started = sessions.filter((s) => inWindow(s.startedAt, window));
  return ratio('form_completion_rate', started.filter((s) => s.submittedAt !== null).length, started.length);
};

export const abandonmentByStage = (sessions: readonly IntakeSession[], window: MetricWindow): MetricValue => {
  const started = sessions.filter((s) => inWindow(s.startedAt, window));
  const byStage: Record<string, number> = {};
  let abandoned = 0;
  for (const session of started) {
    if (session.submittedAt !== null) continue;
    abandoned += 1;
    byStage[session.lastStage] = (byStage[session.lastStage] ?? 0) + 1;
  }
  for (const stage of Object.keys(byStage)) byStage[stage] = (byStage[stage] as number) / started.length;
  return ratio('abandonment_by_stage', abandoned, started.length, byStage);
};

export const fieldsRequired = (sessions: readonly IntakeSession[], window: MetricWindow): MetricValue =>
  medianOf(
    'fields_required',
    sessions.filter((s) => inWindow(s.submittedAt, window)).map((s) => s.fieldsRequired),
  );

export const timeToFirstMeaningfulActivity = (
  partners: readonly ProgramPartner[],
  activities: readonly PartnerActivity[],
  window: MetricWindow,
): MetricValue => {
  const first = firstByPartner(activities.map((a) => ({ partnerId: a.partnerId, at: a.at })));
  const days: number[] = [];
  for (const partner of partners) {
    const at = first.get(partner.id);
    if (at !== undefined && inWindow(at, window)) days.push(Math.max(0, daysBetween(partner.joinedAt, at)));
  }
  return medianOf('time_to_first_meaningful_activity', days);
};

/** The earliest time per partner. */
export const firstByPartner = (events: readonly { partnerId: string; at: string }[]): Map<string, string> => {
  const first = new Map<string, string>();
  for (const event of events) {
    const known = first.get(event.partnerId);
    if (known === undefined || Date.parse(event.at) < Date.parse(known)) first.set(event.partnerId, event.at);
  }
  return first;
};
