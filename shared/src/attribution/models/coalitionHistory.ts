import type { AttributableDeal } from '../attributableDeal.js';

/**
 * What historical deals say each combination of participants achieves: how many won deals had
 * exactly that set of participants. Keys are the sorted participant ids joined by a separator.
 */
export type CoalitionHistory = {
  winsBySet: ReadonlyMap<string, number>;
  /** The sets with wins, for coalitions too large to enumerate their subsets. */
  winningSets: readonly (readonly string[])[];
  dealsSeen: number;
};

const SEPARATOR = '\u0000';
export const coalitionKey = (sortedIds: readonly string[]): string => sortedIds.join(SEPARATOR);

export const learnCoalitionHistory = (deals: readonly AttributableDeal[]): CoalitionHistory => {
  const winsBySet = new Map<string, number>();
  const winningSets: string[][] = [];
  for (const deal of deals) {
    if (deal.outcome !== 'won' || deal.touches.length === 0) continue;
    const ids = [...new Set(deal.touches.map((touch) => touch.participantId))].sort();
    const key = coalitionKey(ids);
    const wins = winsBySet.get(key);
    if (wins === undefined) winningSets.push(ids);
    winsBySet.set(key, (wins ?? 0) + 1);
  }
  return { winsBySet, winningSets, dealsSeen: deals.length };
};

/**
 * The worth of a coalition is the number of won deals that its members could have produced on
 * their own: the won deals whose participants are all in the coalition. The worth only grows as
 * members join, so every Shapley value is non-negative, and a participant that never makes a
 * difference to a win gets nothing.
 */
export const historicalCoalitionValue =
  (history: CoalitionHistory, sortedIds: readonly string[]) =>
  (members: readonly number[]): number => {
    if (members.length <= 16) {
      let total = 0;
      const size = 1 << members.length;
      for (let mask = 1; mask < size; mask += 1) {
        const subset: string[] = [];
        for (let i = 0; i < members.length; i += 1)
          if (mask & (1 << i)) subset.push(sortedIds[members[i] as number] as string);
        total += history.winsBySet.get(coalitionKey(subset)) ?? 0;
      }
      return total;
    }
    const present = new Set(members.map((index) => sortedIds[index]));
    let total = 0;
    for (const set of history.winningSets) {
      if (set.every((id) => present.has(id))) total += history.winsBySet.get(coalitionKey(set)) ?? 0;
    }
    return total;
  };
