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

export type ExplainedContribution = { kind: TouchKind; label: string; shareBp: number };

/**
 * `Northwind 60%: sourced the deal (first touch, 40%) and ran the technical validation (20%)`.
 * Touches of the same kind and label are told once with their count and combined share; touches
 * the model gives nothing are left out unless the participant got nothing at all, when they are
 * what the sentence has to explain.
 */
export const explainSplit = (
  name: string,
  shareBp: number,
  contributions: readonly ExplainedContribution[],
  context: { modelTitle: string; participantReason?: string; fallback?: string },
): string => {
  const head = `${name} ${formatShareBp(shareBp)}`;
  const credited = contributions.filter((c) => c.shareBp > 0);
  if (shareBp === 0) {
    const did = joinPhrases(groupContributions(contributions).map((g) => describeActivity(g.kind, g.count)));
    return `${head}: ${did}, which the ${context.modelTitle} model does not credit`;
  }
  const parts = groupContributions(credited).map((g) => {
    const detail = g.label ? `${g.label}, ${formatShareBp(g.shareBp)}` : formatShareBp(g.shareBp);
    return `${describeActivity(g.kind, g.count)} (${detail})`;
  });
  const why = context.fallback ?? context.participantReason;
  return `${head}: ${joinPhrases(parts)}${why ? `; ${why}` : ''}`;
};

type Group = { kind: TouchKind; label: string; count: number; shareBp: number };

/** A participant has a handful of touches, so a linear scan beats hashing a key per touch. */
const groupContributions = (contributions: readonly ExplainedContribution[]): Group[] => {
  const groups: Group[] = [];
  for (const c of contributions) {
    const group = groups.find((g) => g.kind === c.kind && g.label === c.label);
    if (group) {
      group.count += 1;
      group.shareBp += c.shareBp;
    } else groups.push({ kind: c.kind, label: c.label, count: 1, shareBp: c.shareBp });
  }
  return groups;
};
