import type { Random } from '../../random/index.js';
import { coalitionKey, historicalCoalitionValue, type CoalitionHistory } from './coalitionHistory.js';
import { equalParticipantOutput, type AttributionModel } from './modelTypes.js';
import { shapleyValues, type CoalitionValue } from './shapley.js';

export type ShapleyModelOptions = { exactUpTo?: number; samples?: number; random?: Random };

/**
 * Data-driven credit: each participant's Shapley value in the game "how many historical wins could
 * this combination of the deal's participants have produced" (see coalitionHistory.ts). A deal whose
 * participants never won together or apart has no evidence, and falls back to an equal split.
 */
export const shapleyModel = (
  history: CoalitionHistory,
  options: ShapleyModelOptions = {},
): AttributionModel => {
  const exactUpTo = options.exactUpTo ?? 12;
  return {
    name: 'shapley',
    title: 'Shapley',
    credit: (input) => {
      const { participants, touches } = input;
      const sortedIds = [...participants].sort();
      const value =
        participants.length <= exactUpTo
          ? tableValue(history, sortedIds)
          : historicalCoalitionValue(history, sortedIds);
      const result = shapleyValues(sortedIds.length, value, { ...options, exactUpTo });
      const bySortedIndex = new Map(sortedIds.map((id, i) => [id, Math.max(0, result.values[i] as number)]));
      const participantWeights = participants.map((id) => bySortedIndex.get(id) as number);
      if (participantWeights.every((weight) => weight === 0)) {
        return equalParticipantOutput(
          input,
          'no historical win involves these participants, so they share equally',
        );
      }
      const combinations = 2 ** participants.length - 1;
      const how =
        result.method === 'exact'
          ? `all ${combinations} combinations`
          : `${options.samples ?? 2000} sampled orders`;
      return {
        touchWeights: touches.map(() => 1),
        labels: touches.map(() => ''),
        participantWeights,
        participantReasons: participantWeights.map(
          (weight) =>
            `adds ${round2(weight)} historical wins on average across ${how} of this deal's participants`,
        ),
      };
    },
  };
};

/** Wins per exact participant set, summed over subsets (a zeta transform) into a lookup table. */
const tableValue = (history: CoalitionHistory, sortedIds: readonly string[]): CoalitionValue => {
  const n = sortedIds.length;
  const table = new Float64Array(1 << n);
  for (let mask = 1; mask < table.length; mask += 1) {
    const subset: string[] = [];
    for (let i = 0; i < n; i += 1) if (mask & (1 << i)) subset.push(sortedIds[i] as string);
    table[mask] = history.winsBySet.get(coalitionKey(subset)) ?? 0;
  }
  for (let i = 0; i < n; i += 1) {
    for (let mask = 0; mask < table.length; mask += 1) {
      if (mask & (1 << i)) table[mask] = (table[mask] as number) + (table[mask ^ (1 << i)] as number);
    }
  }
  return (members) => {
    let mask = 0;
    for (const member of members) mask |= 1 << member;
    return table[mask] as number;
  };
};

const round2 = (value: number): string => String(Math.round(value * 100) / 100);
