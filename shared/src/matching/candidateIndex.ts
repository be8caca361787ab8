import { blockingKeys } from './blockingKeys.js';
import type { MatchModel } from './matchModel.js';
import { prepareRecord, type MatchRecord, type PrepareOptions, type PreparedRecord } from './record.js';
import { scorePair, type MatchResult } from './scorePair.js';
import { TokenRarity } from './tokenRarity.js';

export type CandidateIndexOptions = {
  prepare?: PrepareOptions;
  model?: MatchModel;
  /** Keys shared by more records than this are too common to block on ("t:systems" at scale). */
  maxPostingSize?: number;
  /** At most this many candidates, ranked by the rarity of the keys they share, are fully scored. */
  maxCandidates?: number;
};

type Stored = { prepared: PreparedRecord; keys: string[] };

/**
 * An in-memory blocking index over a tenant's accounts. Lookups touch only the records that share a
 * rare enough key with the query, so a lookup costs the same against a thousand or a million accounts.
 * Token rarity statistics are updated as records are added, changed and removed.
 */
export class CandidateIndex {
  readonly rarity = new TokenRarity();
  private readonly records = new Map<string, Stored>();
  private readonly postings = new Map<string, string[]>();
  private readonly maxPostingSize: number;
  private readonly maxCandidates: number;

  constructor(private readonly options: CandidateIndexOptions = {}) {
    this.maxPostingSize = options.maxPostingSize ?? 2000;
    this.maxCandidates = options.maxCandidates ?? 100;
  }

  get size(): number {
    return this.records.size;
  }

  prepare(record: MatchRecord): PreparedRecord {
    return prepareRecord(record, this.options.prepare);
  }

  private toPrepared(record: MatchRecord | PreparedRecord): PreparedRecord {
    return typeof record.name === 'string' ? this.prepare(record as MatchRecord) : (record as PreparedRecord);
  }

  get(id: string): PreparedRecord | undefined {
    return this.records.get(id)?.prepared;
  }

  /** Add or replace a record (a CRM update arrives as an upsert). */
  upsert(record: MatchRecord | PreparedRecord): void {
    const prepared = this.toPrepared(record);
    if (this.records.has(prepared.id)) this.remove(prepared.id);
    const keys = blockingKeys(prepared);
    for (const key of keys) {
      const posting = this.postings.get(key);
      if (posting) posting.push(prepared.id);
      else this.postings.set(key, [prepared.id]);
    }
    this.rarity.add(prepared.name.tokens);
    this.records.set(prepared.id, { prepared, keys });
  }

  remove(id: string): boolean {
    const stored = this.records.get(id);
    if (!stored) return false;
    for (const key of stored.keys) {
      const posting = this.postings.get(key);
      if (!posting) continue;
      const at = posting.indexOf(id);
      if (at >= 0) posting.splice(at, 1);
      if (posting.length === 0) this.postings.delete(key);
    }
    this.rarity.remove(stored.prepared.name.tokens);
    this.records.delete(id);
    return true;
  }

  /**
   * Ids of the records worth scoring against `query`, best first. Each shared key adds a weight that
   * falls with the key's posting size, so a shared domain outranks a shared common word.
   */
  candidateIds(query: PreparedRecord): string[] {
    const weights = new Map<string, number>();
    for (const key of blockingKeys(query)) {
      const posting = this.postings.get(key);
      if (!posting || posting.length > this.maxPostingSize) continue;
      const weight = 1 / Math.log2(2 + posting.length);
      for (const id of posting) {
        if (id !== query.id) weights.set(id, (weights.get(id) ?? 0) + weight);
      }
    }
    if (weights.size <= this.maxCandidates) return [...weights.keys()];
    return [...weights.entries()]
      .sort((x, y) => y[1] - x[1])
      .slice(0, this.maxCandidates)
      .map(([id]) => id);
  }

  /** Score `record` against its candidates; results at `possible` or better, best first. */
  lookup(record: MatchRecord | PreparedRecord, options: { includeNo?: boolean } = {}): MatchResult[] {
    const query = this.toPrepared(record);
    const results: MatchResult[] = [];
    for (const id of this.candidateIds(query)) {
      const stored = this.records.get(id);
      if (!stored) continue;
      const result = scorePair(query, stored.prepared, { rarity: this.rarity, model: this.options.model });
      if (options.includeNo || result.decision !== 'no') results.push(result);
    }
    return results.sort((x, y) => y.score - x.score);
  }
}
