import { blockingKeys, keyKindWeight } from './blockingKeys.js';
import { fittedModel } from './fittedModel.js';
import { PostingTable, type Posting } from './postingTable.js';
import type { MatchModel } from './matchModel.js';
import { prepareRecord, type MatchRecord, type PrepareOptions, type PreparedRecord } from './record.js';
import { numericLogOdds } from './numericScore.js';
import { possibleLogOdds, scorePair, type MatchResult } from './scorePair.js';
import { sharedIdentifier } from './sharedIdentifier.js';
import { TokenRarity } from './tokenRarity.js';

export type CandidateIndexOptions = {
  prepare?: PrepareOptions;
  model?: MatchModel;
  /** Keys shared by more records than this are too common to block on ("t:systems" at scale). */
  maxPostingSize?: number;
  /** At most this many candidates, ranked by the rarity of the keys they share, are scored. */
  maxCandidates?: number;
  /**
   * Stop scoring a lookup's candidates, best ranked first, after this many in a row fell short of
   * `possible`: by then the shared keys are weak and the rest rank lower still.
   */
  patience?: number;
};

/**
 * Once this many records have been gathered, keys shared by more records than this are not read:
 * the rarer keys, read first, have found the likely matches and a common key adds only noise.
 */
const GATHER_BUDGET_FACTOR = 4;

/** `x` ranks before `y`: heavier first, then the lower slot. */
const ranksBefore = (weights: Float64Array, x: number, y: number): boolean => {
  const wx = weights[x] as number;
  const wy = weights[y] as number;
  return wx > wy || (wx === wy && x < y);
};

/**
 * The `limit` best-ranked of `slots`, best first, as sorting them all and keeping the head would
 * give, but with a bounded heap: a lookup touches up to thousands of records and keeps forty, and
 * sorting them all was a fifth of the garbage a lookup made.
 */
const bestSlots = (
  slots: readonly number[],
  count: number,
  weights: Float64Array,
  limit: number,
): number[] => {
  // A heap whose root is the worst of the best so far.
  const heap: number[] = [];
  const siftDown = (from: number): void => {
    let at = from;
    for (;;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let worst = at;
      if (left < heap.length && ranksBefore(weights, heap[worst]!, heap[left]!)) worst = left;
      if (right < heap.length && ranksBefore(weights, heap[worst]!, heap[right]!)) worst = right;
      if (worst === at) return;
      const swap = heap[at]!;
      heap[at] = heap[worst]!;
      heap[worst] = swap;
      at = worst;
    }
  };
  for (let s = 0; s < count; s++) {
    const slot = slots[s] as number;
    if (heap.length < limit) {
      heap.push(slot);
      let at = heap.length - 1;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!ranksBefore(weights, heap[parent]!, heap[at]!)) break;
        const swap = heap[at]!;
        heap[at] = heap[parent]!;
        heap[parent] = swap;
        at = parent;
      }
    } else if (ranksBefore(weights, slot, heap[0]!)) {
      heap[0] = slot;
      siftDown(0);
    }
  }
  // Insertion sort of the few kept, best first.
  for (let i = 1; i < heap.length; i++) {
    const slot = heap[i]!;
    let at = i;
    while (at > 0 && ranksBefore(weights, slot, heap[at - 1]!)) {
      heap[at] = heap[at - 1]!;
      at--;
    }
    heap[at] = slot;
  }
  return heap;
};

/**
 * An in-memory blocking index over a tenant's accounts. Lookups touch only the records that share a
 * rare enough key with the query, so a lookup costs the same against a thousand or a million accounts.
 * Records live in numbered slots and postings hold slot numbers, which keeps a million accounts in
 * little memory. Token rarity statistics are updated as records are added, changed and removed.
 */
export class CandidateIndex {
  readonly rarity = new TokenRarity();
  private readonly slots: (PreparedRecord | undefined)[] = [];
  private readonly slotOf = new Map<string, number>();
  private readonly freeSlots: number[] = [];
  private readonly postings = new PostingTable();
  private readonly maxPostingSize: number;
  private readonly maxCandidates: number;
  private readonly patience: number;
  /** Scratch space for gathering candidates: weight per slot, reset after every lookup. */
  private weights = new Float64Array(0);
  /** Scratch for one lookup's shared keys and touched slots, reused to spare the collector. */
  private readonly foundPostings: Posting[] = [];
  private readonly foundSizes: number[] = [];
  private readonly foundWeights: number[] = [];
  private readonly touched: number[] = [];

  constructor(private readonly options: CandidateIndexOptions = {}) {
    this.maxPostingSize = options.maxPostingSize ?? 2000;
    this.maxCandidates = options.maxCandidates ?? 40;
    this.patience = options.patience ?? 15;
  }

  get size(): number {
    return this.slotOf.size;
  }

  prepare(record: MatchRecord): PreparedRecord {
    return prepareRecord(record, this.options.prepare);
  }

  private toPrepared(record: MatchRecord | PreparedRecord): PreparedRecord {
    return typeof record.name === 'string' ? this.prepare(record as MatchRecord) : (record as PreparedRecord);
  }

  get(id: string): PreparedRecord | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : this.slots[slot];
  }

  /** Add or replace a record (a CRM update arrives as an upsert). */
  upsert(record: MatchRecord | PreparedRecord, knownKeys?: readonly string[]): void {
    const prepared = this.toPrepared(record);
    const keys = knownKeys ?? blockingKeys(prepared);
    if (this.slotOf.has(prepared.id)) this.remove(prepared.id);
    const slot = this.freeSlots.pop() ?? this.slots.length;
    this.slots[slot] = prepared;
    this.slotOf.set(prepared.id, slot);
    for (const key of keys) this.postings.add(key, slot);
    this.rarity.add(prepared.name.tokens);
  }

  remove(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    const prepared = this.slots[slot] as PreparedRecord;
    for (const key of blockingKeys(prepared)) this.postings.remove(key, slot);
    this.rarity.remove(prepared.name.tokens);
    this.slots[slot] = undefined;
    this.slotOf.delete(id);
    this.freeSlots.push(slot);
    return true;
  }

  /**
   * Slots of the records worth scoring against `query`, best first. Keys are read rarest first; each
   * adds a weight that falls with its posting size, so a shared domain outranks a shared common word.
   */
  private candidateSlots(query: PreparedRecord, keys: readonly string[], limit: number): number[] {
    // Postings of the shared keys, ordered by size (stable, so equal sizes keep key order).
    const postings = this.foundPostings;
    const sizes = this.foundSizes;
    const kinds = this.foundWeights;
    postings.length = 0;
    sizes.length = 0;
    kinds.length = 0;
    for (const key of keys) {
      const posting = this.postings.get(key);
      if (posting === undefined) continue;
      const size = typeof posting === 'number' ? 1 : posting.length;
      if (size > this.maxPostingSize) continue;
      let at = sizes.length;
      postings.push(posting);
      sizes.push(size);
      kinds.push(keyKindWeight(key));
      while (at > 0 && (sizes[at - 1] as number) > size) {
        postings[at] = postings[at - 1] as Posting;
        sizes[at] = sizes[at - 1] as number;
        kinds[at] = kinds[at - 1] as number;
        at--;
      }
      postings[at] = posting;
      sizes[at] = size;
      kinds[at] = keyKindWeight(key);
    }
    if (this.weights.length < this.slots.length)
      this.weights = new Float64Array(Math.max(1024, this.slots.length * 2));
    const weights = this.weights;
    const self = this.slotOf.get(query.id) ?? -1;
    // Kept between lookups so its storage is not regrown each time (length 0 would release it).
    const touched = this.touched;
    let count = 0;
    const budget = limit * GATHER_BUDGET_FACTOR;
    for (let k = 0; k < postings.length; k++) {
      const size = sizes[k] as number;
      if (count >= budget && size > budget) break;
      const weight = (kinds[k] as number) / Math.log2(2 + size);
      const posting = postings[k] as Posting;
      if (typeof posting === 'number') {
        if (posting !== self) {
          if (weights[posting] === 0) touched[count++] = posting;
          weights[posting]! += weight;
        }
        continue;
      }
      for (let p = 0; p < posting.length; p++) {
        const slot = posting[p] as number;
        if (slot === self) continue;
        if (weights[slot] === 0) touched[count++] = slot;
        weights[slot]! += weight;
      }
    }
    // Best `limit` by weight; ties (records sharing the same keys) go to the lower slot, so results
    // are deterministic.
    const chosen = count > limit ? bestSlots(touched, count, weights, limit) : touched.slice(0, count);
    for (let t = 0; t < count; t++) weights[touched[t] as number] = 0;
    return chosen;
  }

  /**
   * Slot numbers of the records worth scoring against `query`, best first: for callers that keep
   * their own table of the records by slot (`findDuplicates`), so no id is looked up per candidate.
   */
  candidateSlotsOf(query: PreparedRecord, keys: readonly string[], limit?: number): number[] {
    return this.candidateSlots(query, keys, limit ?? this.maxCandidates);
  }

  /** The slot a record id lives in, if it is indexed. */
  slotOfId(id: string): number | undefined {
    return this.slotOf.get(id);
  }

  /** Ids of the records worth scoring against `query`, best first. */
  candidateIds(query: PreparedRecord, options: { limit?: number; keys?: readonly string[] } = {}): string[] {
    const keys = options.keys ?? blockingKeys(query);
    return this.candidateSlots(query, keys, options.limit ?? this.maxCandidates).map(
      (slot) => (this.slots[slot] as PreparedRecord).id,
    );
  }

  /**
   * Candidates as prepared records, best first, for callers that score them themselves
   * (`findDuplicates`).
   */
  candidates(
    query: PreparedRecord,
    options: { limit?: number; keys?: readonly string[] } = {},
  ): PreparedRecord[] {
    const keys = options.keys ?? blockingKeys(query);
    return this.candidateSlots(query, keys, options.limit ?? this.maxCandidates).map(
      (slot) => this.slots[slot] as PreparedRecord,
    );
  }

  /**
   * Score `record` against its candidates; results at `possible` or better, best first. Every
   * candidate gets the cheap numeric score; only those that reach `possible`, or share a domain or
   * phone number with the query (always at least `possible`), are explained.
   */
  lookup(record: MatchRecord | PreparedRecord, options: { includeNo?: boolean } = {}): MatchResult[] {
    const query = this.toPrepared(record);
    const model = this.options.model ?? fittedModel;
    const floor = possibleLogOdds(model);
    const scoring = { rarity: this.rarity, model };
    const results: MatchResult[] = [];
    let misses = 0;
    for (const candidate of this.candidates(query)) {
      if (options.includeNo) {
        results.push(scorePair(query, candidate, scoring));
        continue;
      }
      if (
        numericLogOdds(query, candidate, this.rarity, model, undefined, floor) < floor &&
        !sharedIdentifier(query, candidate)
      ) {
        if (++misses >= this.patience) break;
        continue;
      }
      misses = 0;
      results.push(scorePair(query, candidate, scoring));
    }
    return results.sort((x, y) => y.score - x.score);
  }
}
