import {
  CandidateIndex,
  candidateCap,
  FEATURES,
  pairFeatures,
  type MatchRecord,
} from '@entente/shared/matching';
import type { Sample } from './logistic.ts';

export type LabelledPair = { left: string; right: string; same: boolean; x: number[] };

/** The candidate pairs blocking produces for a set, with their features and gold labels. */
export const candidatePairs = (
  records: readonly MatchRecord[],
  labels: ReadonlyMap<string, string>,
): LabelledPair[] => {
  const index = new CandidateIndex({ maxCandidates: candidateCap(records.length) });
  const prepared = records.map((record) => index.prepare(record));
  for (const record of prepared) index.upsert(record);
  const position = new Map(prepared.map((record, i) => [record.id, i]));
  const pairs: LabelledPair[] = [];
  const seen = new Set<number>();
  prepared.forEach((left, i) => {
    for (const id of index.candidateIds(left)) {
      const j = position.get(id)!;
      // Each unordered pair once, from whichever side blocking reaches it (as findDuplicates does).
      const key = Math.min(i, j) * prepared.length + Math.max(i, j);
      if (seen.has(key)) continue;
      seen.add(key);
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

/** A stable pseudo-random number in [0, 1) per pair, so sampling is the same on every run. */
const pairUniform = (pair: LabelledPair): number => {
  let h = 2166136261;
  const text = `${pair.left}\u0000${pair.right}`;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) / 4294967296;
};

/** Negative pairs kept per set; the rest are represented by weighting the kept ones up. */
const NEGATIVES_KEPT = 25_000;

/**
 * Weight samples so that every set counts equally and, within a set, every gold cluster's positive
 * pairs count no more than a handful of ordinary clusters: one 676-row cluster must not teach the
 * model that every name containing "Philips" is the same company. To keep fitting fast, the pairs
 * are sampled rather than down-weighted: a large cluster's positives with probability cap/count,
 * negatives with probability NEGATIVES_KEPT/negatives and weight 1/probability (unbiased).
 */
export const weightSamples = (
  pairs: readonly LabelledPair[],
  labels: ReadonlyMap<string, string>,
  setWeight: number,
): Sample[] => {
  const positivesPerCluster = new Map<string, number>();
  let negatives = 0;
  for (const pair of pairs) {
    if (!pair.same) {
      negatives++;
      continue;
    }
    const label = labels.get(pair.left)!;
    positivesPerCluster.set(label, (positivesPerCluster.get(label) ?? 0) + 1);
  }
  const cap = 200;
  const negativeRate = Math.min(1, NEGATIVES_KEPT / Math.max(1, negatives));
  const kept: { pair: LabelledPair; weight: number }[] = [];
  for (const pair of pairs) {
    const u = pairUniform(pair);
    if (!pair.same) {
      if (u < negativeRate) kept.push({ pair, weight: 1 / negativeRate });
      continue;
    }
    const count = positivesPerCluster.get(labels.get(pair.left)!)!;
    if (count <= cap || u < cap / count) kept.push({ pair, weight: 1 });
  }
  const total = kept.reduce((sum, { weight }) => sum + weight, 0) || 1;
  return kept.map(({ pair, weight }) => ({
    x: pair.x,
    y: pair.same ? 1 : 0,
    weight: (weight / total) * setWeight,
  }));
};
