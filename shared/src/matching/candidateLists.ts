/**
 * Each record's candidate positions, stored sorted in one growing typed array, so `findDuplicates`
 * can tell whether a pair was already reached from its other side with a binary search instead of
 * a set of millions of pair keys (which cost more than scoring the pairs did).
 */
export class CandidateLists {
  private values = new Int32Array(1024);
  private length = 0;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;

  constructor(records: number) {
    this.starts = new Int32Array(records);
    this.ends = new Int32Array(records);
  }

  /** Record `owner`'s candidates; each owner is added once. */
  add(owner: number, candidates: readonly number[]): void {
    if (this.length + candidates.length > this.values.length) {
      const grown = new Int32Array(Math.max(this.values.length * 2, this.length + candidates.length));
      grown.set(this.values.subarray(0, this.length));
      this.values = grown;
    }
    const start = this.length;
    for (const candidate of candidates) this.values[this.length++] = candidate;
    this.values.subarray(start, this.length).sort();
    this.starts[owner] = start;
    this.ends[owner] = this.length;
  }

  /** Whether `candidate` was among `owner`'s candidates. */
  has(owner: number, candidate: number): boolean {
    let low = this.starts[owner] as number;
    let high = (this.ends[owner] as number) - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const value = this.values[middle] as number;
      if (value === candidate) return true;
      if (value < candidate) low = middle + 1;
      else high = middle - 1;
    }
    return false;
  }
}
