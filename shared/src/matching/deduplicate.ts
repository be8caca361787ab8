import { blockingKeys } from './blockingKeys.js';
import { CandidateIndex, type CandidateIndexOptions } from './candidateIndex.js';
import { CandidateLists } from './candidateLists.js';
import { Clusters } from './clusters.js';
import { fittedModel } from './fittedModel.js';
import type { MatchRecord, PreparedRecord } from './record.js';
import { ScoringTable } from './scoringTable.js';
import { nameProfile } from './similarity/nameSimilarity.js';
import { possibleLogOdds, scorePair, type MatchReason, type MatchResult } from './scorePair.js';

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
  /** Candidate pairs given the cheap numeric score. */
  comparisons: number;
};

const closureReason = (via: string): MatchReason => ({
  field: 'name',
  contribution: 0,
  similarity: null,
  text: `merged transitively: both matched the same cluster (through record ${via})`,
});

/**
 * Candidates per record: a small set can afford to compare each record with many others, which
 * matters inside large clusters (676 spellings of Philips); a large one keeps about three million
 * comparisons in total, so 100,000 rows stay under a minute.
 */
export const candidateCap = (rows: number): number =>
  Math.max(30, Math.min(300, Math.round(3_000_000 / Math.max(1, rows))));

/**
 * Find duplicate pairs within one set of records (an account export or a CSV of registrations).
 * Every pair scored `possible` or `match` is returned; with transitive closure, every pair inside a
 * merged cluster is a `match`, those the model did not score directly marked `viaClosure`.
 *
 * Each record is compared with its best-ranked candidates (see `CandidateIndex`); a pair is scored
 * once, from whichever side reaches it first. Candidates get the cheap numeric score first and only
 * those reaching `possible` are explained.
 */
export const findDuplicates = (
  records: readonly MatchRecord[],
  options: DeduplicateOptions = {},
): DeduplicateResult => {
  const index = new CandidateIndex({ maxCandidates: candidateCap(records.length), ...options });
  const model = options.model ?? fittedModel;
  const floor = possibleLogOdds(model);
  const scoring = { rarity: index.rarity, model };
  const prepared: PreparedRecord[] = records.map((record) => index.prepare(record));
  const keys = prepared.map((record) => blockingKeys(record));
  prepared.forEach((record, i) => index.upsert(record, keys[i]));
  const position = new Map(prepared.map((record, i) => [record.id, i]));
  const count = prepared.length;
  // Candidates come back as slots; a record's slot is its position unless an id repeats.
  const positionOfSlot = new Int32Array(count);
  position.forEach((i, id) => (positionOfSlot[index.slotOfId(id) as number] = i));
  // The statistics are complete once every record is in, so each name is profiled once.
  const profiles = prepared.map((record) => nameProfile(record.name, index.rarity));
  const table = new ScoringTable(prepared, profiles, model);
  const reached = new CandidateLists(count);
  const scored = new Map<number, DuplicatePair>();
  const clusters = new Clusters();
  let comparisons = 0;
  prepared.forEach((left, i) => {
    const candidates = index.candidateSlotsOf(left, keys[i] as string[]);
    for (let c = 0; c < candidates.length; c++)
      candidates[c] = positionOfSlot[candidates[c] as number] as number;
    reached.add(i, candidates);
    for (const j of candidates) {
      // A pair is scored once: skip it if the earlier record already had this one as a candidate.
      if (j < i && reached.has(j, i)) continue;
      comparisons++;
      const right = prepared[j] as PreparedRecord;
      const first = i < j ? left : right;
      const second = i < j ? right : left;
      if (table.logOdds(i < j ? i : j, i < j ? j : i, floor) < floor) continue;
      const result = scorePair(first, second, scoring);
      if (result.decision === 'no') continue;
      const pairKey = i < j ? i * count + j : j * count + i;
      scored.set(pairKey, { ...result, viaClosure: false });
      if (result.decision === 'match') clusters.union(first.id, second.id);
    }
    if (options.onProgress && (i % 500 === 0 || i === count - 1)) options.onProgress(i + 1, count);
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
          const pairKey = (members[x] as number) * count + (members[y] as number);
          if (scored.has(pairKey)) continue;
          const left = prepared[members[x] as number] as PreparedRecord;
          const right = prepared[members[y] as number] as PreparedRecord;
          const result = scorePair(left, right, scoring);
          scored.set(pairKey, {
            ...result,
            decision: 'match',
            viaClosure: true,
            reasons: [...result.reasons, closureReason(clusters.find(left.id))],
          });
        }
      }
    }
  }
  const pairs = [...scored.entries()].sort(([x], [y]) => x - y).map(([, pair]) => pair);
  return { pairs, clusters: groups, comparisons };
};
