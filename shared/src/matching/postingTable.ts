/** A posting is one slot number, or an array of them once a second record shares the key. */
export type Posting = number | number[];

const EMPTY = 0;
const DELETED = 1;

/**
 * Blocking key → posting, as an open-addressing hash table over typed arrays. A million accounts
 * have some seven million distinct keys; held in a `Map` the key strings and entries took about
 * 900 bytes an account and most of the garbage collector's time while an index was built. Here a key
 * is kept only as its 62-bit hash (two independent 31-bit halves), so the strings die young. Two keys
 * sharing a hash would share a posting; at ten million keys the chance that any pair does is about
 * one in a hundred thousand, and the cost would be a few extra candidates, which are scored anyway.
 */
export class PostingTable {
  private high = new Int32Array(1024);
  private low = new Int32Array(1024);
  /** A slot (≥ 0), or -(index + 1) of a list in `lists`. */
  private values = new Int32Array(1024);
  private readonly lists: number[][] = [];
  private readonly freeLists: number[] = [];
  private used = 0;
  private hashHigh = 0;
  private hashLow = 0;

  /** Hash `key` into `hashHigh` (never 0 or 1, which mark empty and deleted cells) and `hashLow`. */
  private hash(key: string): void {
    let a = 0x811c9dc5;
    let b = 0x2545f491;
    for (let i = 0; i < key.length; i++) {
      const code = key.charCodeAt(i);
      a = Math.imul(a ^ code, 0x01000193);
      b = Math.imul(b ^ code, 0x5bd1e995);
      b ^= b >>> 15;
    }
    a ^= a >>> 16;
    a = Math.imul(a, 0x85ebca6b);
    a ^= a >>> 13;
    a = Math.imul(a, 0xc2b2ae35);
    a ^= a >>> 16;
    b ^= b >>> 16;
    b = Math.imul(b, 0x7feb352d);
    b ^= b >>> 15;
    b = Math.imul(b, 0x846ca68b);
    b ^= b >>> 16;
    this.hashHigh = (a & 0x7fffffff) | 2;
    this.hashLow = b;
  }

  /** The cell holding the current hash, or -1. */
  private find(): number {
    const mask = this.high.length - 1;
    let cell = this.hashLow & mask;
    for (;;) {
      const high = this.high[cell] as number;
      if (high === EMPTY) return -1;
      if (high === this.hashHigh && this.low[cell] === this.hashLow) return cell;
      cell = (cell + 1) & mask;
    }
  }

  get(key: string): Posting | undefined {
    this.hash(key);
    const cell = this.find();
    if (cell < 0) return undefined;
    const value = this.values[cell] as number;
    return value >= 0 ? value : (this.lists[-value - 1] as number[]);
  }

  add(key: string, slot: number): void {
    this.hash(key);
    const cell = this.find();
    if (cell >= 0) {
      const value = this.values[cell] as number;
      if (value < 0) {
        (this.lists[-value - 1] as number[]).push(slot);
        return;
      }
      const list = [value, slot];
      const at = this.freeLists.pop() ?? this.lists.length;
      this.lists[at] = list;
      this.values[cell] = -at - 1;
      return;
    }
    if ((this.used + 1) * 2 > this.high.length) this.grow();
    const mask = this.high.length - 1;
    let free = this.hashLow & mask;
    while ((this.high[free] as number) > DELETED) free = (free + 1) & mask;
    if (this.high[free] === EMPTY) this.used++;
    this.high[free] = this.hashHigh;
    this.low[free] = this.hashLow;
    this.values[free] = slot;
  }

  /** Take `slot` out of `key`'s posting; a posting left empty is dropped. */
  remove(key: string, slot: number): void {
    this.hash(key);
    const cell = this.find();
    if (cell < 0) return;
    const value = this.values[cell] as number;
    if (value >= 0) {
      if (value === slot) this.high[cell] = DELETED;
      return;
    }
    const list = this.lists[-value - 1] as number[];
    const at = list.indexOf(slot);
    if (at >= 0) list.splice(at, 1);
    if (list.length > 1) return;
    this.lists[-value - 1] = [];
    this.freeLists.push(-value - 1);
    if (list.length === 1) this.values[cell] = list[0] as number;
    else this.high[cell] = DELETED;
  }

  /** Double the table (or rebuild it at the same size when deleted cells fill it) and rehash. */
  private grow(): void {
    const { high, low, values } = this;
    let live = 0;
    for (let cell = 0; cell < high.length; cell++) if ((high[cell] as number) > DELETED) live++;
    const size = (live + 1) * 2 > high.length / 2 ? high.length * 2 : high.length;
    this.high = new Int32Array(size);
    this.low = new Int32Array(size);
    this.values = new Int32Array(size);
    this.used = 0;
    const mask = size - 1;
    for (let cell = 0; cell < high.length; cell++) {
      if ((high[cell] as number) <= DELETED) continue;
      let free = (low[cell] as number) & mask;
      while (this.high[free] !== EMPTY) free = (free + 1) & mask;
      this.high[free] = high[cell] as number;
      this.low[free] = low[cell] as number;
      this.values[free] = values[cell] as number;
      this.used++;
    }
  }
}
