import type { TouchKind } from './touchpoint.js';

/** What a participant did, in the words a partner would use: [one touch, n touches]. */
const activities: Record<TouchKind, readonly [string, (n: number) => string]> = {
  sourced: ['sourced the deal', (n) => `sourced the deal (${n} records)`],
  referral: ['referred the deal', (n) => `referred the deal (${n} records)`],
  introduction: ['made an introduction', (n) => `made ${n} introductions`],
  demo: ['ran a demo', (n) => `ran ${n} demos`],
  technical_validation: ['ran the technical validation', (n) => `ran ${n} technical validations`],
  co_sell_meeting: ['joined a co-sell meeting', (n) => `joined ${n} co-sell meetings`],
  implementation: ['delivered implementation work', (n) => `delivered implementation work ${n} times`],
  renewal_support: ['supported the renewal', (n) => `supported the renewal ${n} times`],
  marketplace_transaction: [
    'transacted through the marketplace',
    (n) => `transacted through the marketplace ${n} times`,
  ],
};

export const describeActivity = (kind: TouchKind, count: number): string => {
  const [one, many] = activities[kind];
  return count === 1 ? one : many(count);
};

/** 4000 → "40%", 3333 → "33.33%", 6650 → "66.5%". */
export const formatShareBp = (bp: number): string => {
  const whole = Math.trunc(bp / 100);
  const fraction = Math.abs(bp % 100);
  if (fraction === 0) return `${whole}%`;
  return `${whole}.${String(fraction).padStart(2, '0').replace(/0$/, '')}%`;
};

/** "a", "a and b", "a, b and c". */
export const joinPhrases = (phrases: readonly string[]): string => {
  if (phrases.length <= 1) return phrases[0] ?? '';
  return `${phrases.slice(0, -1).join(', ')} and ${phrases[phrases.length - 1]}`;
};

export type ExplainedContribution = {
  kind: TouchKind;
  label: string;
  shareBp: number;
  /** Set on a partner-reported touch that counts only in part until confirmed: the model's share. */
  reportedShareBp?: number;
  /** Set on the direct team's part held back from a partner's unconfirmed report. */
  heldBackFrom?: string;
};

export type ExplainContext = {
  modelTitle: string;
  participantReason?: string;
  fallback?: string;
  /** How much of a partner-reported touch counts before it is confirmed, in basis points. */
  reportedWeightBp?: number;
  nameOf?: (participantId: string) => string;
};

const CONFIRMERS = 'the CRM or an internal user';

/**
 * `Northwind 60%: sourced the deal (first touch, 40%) and ran the technical validation (20%)`.
 * Touches of the same kind and label are told once with their count and combined share; touches
 * the model gives nothing are left out unless the participant got nothing at all, when they are
 * what the sentence has to explain. A partner's own reports are marked as such, with how much of
 * them counts until they are confirmed; the direct team says which reports it holds credit back from.
 */
export const explainSplit = (
  name: string,
  shareBp: number,
  contributions: readonly ExplainedContribution[],
  context: ExplainContext,
): string => {
  const head = `${name} ${formatShareBp(shareBp)}`;
  const nameOf = context.nameOf ?? ((id: string) => id);
  const own = contributions.filter((c) => c.heldBackFrom === undefined);
  const reported = own.some((c) => c.reportedShareBp !== undefined);
  if (shareBp === 0) {
    const did = joinPhrases(groupContributions(own).map((g) => describeActivity(g.kind, g.count)));
    if (reported && own.some((c) => (c.reportedShareBp ?? 0) > 0))
      return `${head}: ${did}, as reported by the partner; it counts once ${CONFIRMERS} confirms it`;
    return `${head}: ${did}, which the ${context.modelTitle} model does not credit`;
  }
  // A report that counts nothing yet is still named, so the partner sees it is waiting.
  const groups = groupContributions(
    contributions.filter((c) => c.shareBp > 0 || (c.reportedShareBp ?? 0) > 0),
  );
  const parts = groups.map((g) => {
    const share = formatShareBp(g.shareBp);
    if (g.heldBackFrom !== undefined) {
      const detail = g.label ? `${g.label}, ${share}` : share;
      return `keeps the unconfirmed part of ${nameOf(g.heldBackFrom)}’s report that it ${describeActivity(g.kind, g.count)} (${detail})`;
    }
    const detail = [g.label, g.reported ? 'partner-reported' : '', share].filter(Boolean).join(', ');
    return `${describeActivity(g.kind, g.count)} (${detail})`;
  });
  const weightBp = context.reportedWeightBp ?? 10_000;
  const reportNote = groups.some((g) => g.reported)
    ? weightBp === 0
      ? `partner-reported touches count once ${CONFIRMERS} confirms them`
      : `partner-reported touches count ${formatShareBp(weightBp)} until ${CONFIRMERS} confirms them`
    : undefined;
  const why = [reportNote, context.fallback ?? context.participantReason].filter(Boolean).join('; ');
  return `${head}: ${joinPhrases(parts)}${why ? `; ${why}` : ''}`;
};

type Group = {
  kind: TouchKind;
  label: string;
  reported: boolean;
  heldBackFrom: string | undefined;
  count: number;
  shareBp: number;
};

/** A participant has a handful of touches, so a linear scan beats hashing a key per touch. */
const groupContributions = (contributions: readonly ExplainedContribution[]): Group[] => {
  const groups: Group[] = [];
  for (const c of contributions) {
    const reported = c.reportedShareBp !== undefined;
    const group = groups.find(
      (g) =>
        g.kind === c.kind &&
        g.label === c.label &&
        g.reported === reported &&
        g.heldBackFrom === c.heldBackFrom,
    );
    if (group) {
      group.count += 1;
      group.shareBp += c.shareBp;
    } else
      groups.push({
        kind: c.kind,
        label: c.label,
        reported,
        heldBackFrom: c.heldBackFrom,
        count: 1,
        shareBp: c.shareBp,
      });
  }
  return groups;
};
