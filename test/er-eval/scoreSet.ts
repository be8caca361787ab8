import {
  bCubedScores,
  CandidateIndex,
  candidateCap,
  Clusters,
  findDuplicates,
  pairwiseScores,
  type BCubedScores,
  type PairwiseScores,
} from '@entente/shared/matching';
import type { LabelledSet } from './datasets.ts';

export type SetScores = {
  set: string;
  rows: number;
  closure: boolean;
  pairwise: PairwiseScores;
  bcubed: BCubedScores;
  /** Share of gold pairs that blocking puts in front of the scorer directly (before any closure). */
  blockingRecall: number;
  /**
   * Share of gold pairs joined by a chain of same-entity candidate pairs: the most that scoring plus
   * transitive closure can recover. In a 676-row cluster no record needs all 675 others as candidates.
   */
  blockingRecallConnected: number;
  comparisons: number;
  seconds: number;
};

const goldPairs = (labels: ReadonlyMap<string, string>): number => {
  const sizes = new Map<string, number>();
  for (const label of labels.values()) sizes.set(label, (sizes.get(label) ?? 0) + 1);
  let gold = 0;
  for (const size of sizes.values()) gold += (size * (size - 1)) / 2;
  return gold;
};

/** Blocking recall, counted the way `findDuplicates` blocks (same caps, pairs reached from either side). */
export const blockingRecall = (set: LabelledSet): { direct: number; connected: number } => {
  const index = new CandidateIndex({ maxCandidates: candidateCap(set.records.length) });
  for (const record of set.records) index.upsert(record);
  const reached = new Set<string>();
  const chains = new Clusters();
  for (const record of set.records) {
    const label = set.labels.get(record.id);
    for (const id of index.candidateIds(index.get(record.id)!)) {
      if (set.labels.get(id) !== label) continue;
      reached.add(record.id < id ? `${record.id}\u0000${id}` : `${id}\u0000${record.id}`);
      chains.union(record.id, id);
    }
  }
  const gold = goldPairs(set.labels);
  const connected = new Map<string, number>();
  for (const record of set.records) {
    const root = chains.find(record.id);
    connected.set(root, (connected.get(root) ?? 0) + 1);
  }
  let joined = 0;
  for (const size of connected.values()) joined += (size * (size - 1)) / 2;
  return { direct: gold ? reached.size / gold : 1, connected: gold ? joined / gold : 1 };
};

export const scoreSet = (set: LabelledSet, closure: boolean): SetScores => {
  const started = performance.now();
  const result = findDuplicates(set.records, { transitiveClosure: closure });
  const seconds = (performance.now() - started) / 1000;
  const predicted = result.pairs
    .filter((pair) => pair.decision === 'match')
    .map((pair) => [pair.leftId, pair.rightId] as const);
  const recall = blockingRecall(set);
  return {
    set: set.name,
    rows: set.records.length,
    closure,
    pairwise: pairwiseScores(set.labels, predicted),
    bcubed: bCubedScores(set.labels, predicted),
    blockingRecall: recall.direct,
    blockingRecallConnected: recall.connected,
    comparisons: result.comparisons,
    seconds,
  };
};
