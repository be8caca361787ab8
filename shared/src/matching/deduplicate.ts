import { CandidateIndex, type CandidateIndexOptions } from './candidateIndex.js';
import { Clusters } from './clusters.js';
import type { MatchRecord, PreparedRecord } from './record.js';
import { scorePair, type MatchReason, type MatchResult } from './scorePair.js';

export type DuplicatePair = MatchResult & {
  /** True when the pair is a match only because both records joined the same cluster through others. */
  viaClosure: boolean;
};

export type DeduplicateOptions = CandidateIndexOptions & {
  /** Merge `match` pairs transitively (A=B and B=C makes A=C). On by default. */
  transitiveClosure?: boolean;
  /** Clusters larger than this are not expanded into every implied pair (still reported as scored). */
  maxClusterExpansion?: number;
  onProgress?: (done: number, total: number) => void;
};

export type DeduplicateResult = {
  pairs: DuplicatePair[];
  clusters: string[][];
  comparisons: number;
};

const closureReason = (via: string): MatchReason => ({
  field: 'name',
  contribution: 0,
  similarity: null,
  text: `merged transitively: both matched the same cluster (through record ${via})`,
});

/**
 * Find duplicate pairs within one set of records (an account export or a CSV of registrations).
 * Every pair scored `possible` or `match` is returned; with transitive closure, every pair inside a
 * merged cluster is a `match`, those the model did not score directly marked `viaClosure`.
 */
export const findDuplicates = (records: readonly MatchRecord[], options: DeduplicateOptions = {}): DeduplicateResult => {
  const index = new CandidateIndex({ maxCandidates: 300, ...options });
  const prepared: PreparedRecord[] = records.map((record) => index.prepare(record));
  for (const record of prepared) index.upsert(record);
  const position = new Map(prepared.map((record, i) => [record.id, i]));
  const scored = new Map<string, DuplicatePair>();
  const clusters = new Clusters();
  let comparisons = 0;
  prepared.forEach((left, i) => {
    for (const id of index.candidateIds(left)) {
      const j = position.get(id) as number;
      if (j <= i) continue; // each unordered pair once
      const right = prepared[j] as PreparedRecord;
      comparisons++;
      const result = scorePair(left, right, { rarity: index.rarity, model: options.model });
      if (result.decision === 'no') continue;
      scored.set(`${i}:${j}`, { ...result, viaClosure: false });
      if (result.decision === 'match') clusters.union(left.id, right.id);
    }
    if (options.onProgress && (i % 500 === 0 || i === prepared.length - 1)) options.onProgress(i + 1, prepared.length);
  });
  const groups = clusters.groups();
  if (options.transitiveClosure !== false) {
    const limit = options.maxClusterExpansion ?? 5000;
    for (const pair of scored.values()) {
      if (pair.decision === 'possible' && clusters.find(pair.leftId) === clusters.find(pair.rightId)) {
        pair.decision = 'match';
        pair.viaClosure = true;
        pair.reasons = [...pair.reasons, closureReason(clusters.find(pair.leftId))];
      }
    }
    for (const group of groups) {
      if (group.length > limit) continue;
      const members = group.map((id) => position.get(id) as number).sort((x, y) => x - y);
      for (let x = 0; x < members.length; x++) {
        for (let y = x + 1; y < members.length; y++) {
          const key = `${members[x]}:${members[y]}`;
          if (scored.has(key)) continue;
          const left = prepared[members[x] as number] as PreparedRecord;
          const right = prepared[members[y] as number] as PreparedRecord;
          const result = scorePair(left, right, { rarity: index.rarity, model: options.model });
          scored.set(key, {
            ...result,
            decision: 'match',
            viaClosure: true,
            reasons: [...result.reasons, closureReason(clusters.find(left.id))],
          });
        }
      }
    }
  }
  const pairs = [...scored.entries()]
    .sort(([x], [y]) => {
      const [xi, xj] = x.split(':').map(Number) as [number, number];
      const [yi, yj] = y.split(':').map(Number) as [number, number];
      return xi - yi || xj - yj;
    })
    .map(([, pair]) => pair);
  return { pairs, clusters: groups, comparisons };
};
