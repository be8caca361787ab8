import { CandidateIndex, FEATURES, pairFeatures, type MatchRecord } from '@entente/shared/matching';
import type { Sample } from './logistic.ts';

export type LabelledPair = { left: string; right: string; same: boolean; x: number[] };

/** The candidate pairs blocking produces for a set, with their features and gold labels. */
export const candidatePairs = (records: readonly MatchRecord[], labels: ReadonlyMap<string, string>): LabelledPair[] => {
  const index = new CandidateIndex({ maxCandidates: 300 });
  const prepared = records.map((record) => index.prepare(record));
  for (const record of prepared) index.upsert(record);
  const position = new Map(prepared.map((record, i) => [record.id, i]));
  const pairs: LabelledPair[] = [];
  prepared.forEach((left, i) => {
    for (const id of index.candidateIds(left)) {
      const j = position.get(id)!;
      if (j <= i) continue;
      const right = prepared[j]!;
      const values = pairFeatures(left, right, index.rarity);
      pairs.push({
        left: left.id,
        right: right.id,
        same: labels.get(left.id) === labels.get(right.id),
        x: FEATURES.map((feature) => values[feature] ?? 0),
      });
    }
  });
  return pairs;
};

/**
 * Weight samples so that every set counts equally and, within a set, every gold cluster's positive
 * pairs count no more than a handful of ordinary clusters: one 676-row cluster must not teach the
 * model that every name containing "Philips" is the same company.
 */
export const weightSamples = (
  pairs: readonly LabelledPair[],
  labels: ReadonlyMap<string, string>,
  setWeight: number,
): Sample[] => {
  const positivesPerCluster = new Map<string, number>();
  for (const pair of pairs) {
    if (!pair.same) continue;
    const label = labels.get(pair.left)!;
    positivesPerCluster.set(label, (positivesPerCluster.get(label) ?? 0) + 1);
  }
  const cap = 200;
  const raw = pairs.map((pair) => {
    if (!pair.same) return 1;
    const count = positivesPerCluster.get(labels.get(pair.left)!)!;
    return count > cap ? cap / count : 1;
  });
  const total = raw.reduce((sum, value) => sum + value, 0) || 1;
  return pairs.map((pair, i) => ({ x: pair.x, y: pair.same ? 1 : 0, weight: (raw[i]! / total) * setWeight }));
};
