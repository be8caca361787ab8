import { Clusters } from './clusters.js';

export type PairwiseScores = {
  precision: number;
  recall: number;
  f1: number;
  truePairs: number;
  predictedPairs: number;
  correctPairs: number;
};
export type BCubedScores = { precision: number; recall: number; f1: number };

const f1Of = (precision: number, recall: number): number =>
  precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);

const choose2 = (n: number): number => (n * (n - 1)) / 2;

/**
 * Pairwise precision and recall of predicted match pairs against gold labels (same label = same
 * entity). Gold pairs are counted from cluster sizes, so a 676-row cluster costs nothing.
 */
export const pairwiseScores = (
  labels: ReadonlyMap<string, string>,
  predicted: ReadonlyArray<readonly [string, string]>,
): PairwiseScores => {
  const sizes = new Map<string, number>();
  for (const label of labels.values()) sizes.set(label, (sizes.get(label) ?? 0) + 1);
  let truePairs = 0;
  for (const size of sizes.values()) truePairs += choose2(size);
  const seen = new Set<string>();
  let correctPairs = 0;
  for (const [a, b] of predicted) {
    const key = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
    if (a === b || seen.has(key)) continue;
    seen.add(key);
    if (labels.get(a) !== undefined && labels.get(a) === labels.get(b)) correctPairs++;
  }
  const predictedPairs = seen.size;
  const precision = predictedPairs ? correctPairs / predictedPairs : 1;
  const recall = truePairs ? correctPairs / truePairs : 1;
  return { precision, recall, f1: f1Of(precision, recall), truePairs, predictedPairs, correctPairs };
};

/**
 * B-cubed precision and recall (Bagga & Baldwin 1998) of the clusters the predicted pairs form
 * (their connected components; unlinked records are singletons) against the gold clusters.
 */
export const bCubedScores = (
  labels: ReadonlyMap<string, string>,
  predicted: ReadonlyArray<readonly [string, string]>,
): BCubedScores => {
  const clusters = new Clusters();
  for (const [a, b] of predicted) clusters.union(a, b);
  const overlap = new Map<string, number>();
  const predictedSize = new Map<string, number>();
  const goldSize = new Map<string, number>();
  for (const [id, label] of labels) {
    const root = clusters.find(id);
    overlap.set(`${root}\u0000${label}`, (overlap.get(`${root}\u0000${label}`) ?? 0) + 1);
    predictedSize.set(root, (predictedSize.get(root) ?? 0) + 1);
    goldSize.set(label, (goldSize.get(label) ?? 0) + 1);
  }
  let precision = 0;
  let recall = 0;
  for (const [id, label] of labels) {
    const root = clusters.find(id);
    const shared = overlap.get(`${root}\u0000${label}`) as number;
    precision += shared / (predictedSize.get(root) as number);
    recall += shared / (goldSize.get(label) as number);
  }
  const n = labels.size || 1;
  return { precision: precision / n, recall: recall / n, f1: f1Of(precision / n, recall / n) };
};
