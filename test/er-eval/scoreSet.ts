import {
  bCubedScores,
  CandidateIndex,
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
  /** Share of gold pairs that blocking puts in front of the scorer (before any closure). */
  blockingRecall: number;
  comparisons: number;
};

/** Share of gold pairs that reach the scorer, counted the way `findDuplicates` blocks. */
export const blockingRecall = (set: LabelledSet): number => {
  const index = new CandidateIndex({ maxCandidates: 300 });
  for (const record of set.records) index.upsert(record);
  let found = 0;
  for (const record of set.records) {
    const label = set.labels.get(record.id);
    for (const id of index.candidateIds(index.get(record.id)!)) if (set.labels.get(id) === label) found++;
  }
  const sizes = new Map<string, number>();
  for (const label of set.labels.values()) sizes.set(label, (sizes.get(label) ?? 0) + 1);
  let gold = 0;
  for (const size of sizes.values()) gold += size * (size - 1);
  // `found` counts ordered pairs, so does `gold`; a pair reached from either side counts once at most
  // when blocking is symmetric, which it is up to the candidate cap.
  return gold ? Math.min(1, found / gold) : 1;
};

export const scoreSet = (set: LabelledSet, closure: boolean): SetScores => {
  const result = findDuplicates(set.records, { transitiveClosure: closure });
  const predicted = result.pairs.filter((pair) => pair.decision === 'match').map((pair) => [pair.leftId, pair.rightId] as const);
  return {
    set: set.name,
    rows: set.records.length,
    closure,
    pairwise: pairwiseScores(set.labels, predicted),
    bcubed: bCubedScores(set.labels, predicted),
    blockingRecall: blockingRecall(set),
    comparisons: result.comparisons,
  };
};
