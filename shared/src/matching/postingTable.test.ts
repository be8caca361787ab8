import { seededRandom } from '../random/index.js';
import { PostingTable, type Posting } from './postingTable.js';

/** The postings as the index kept them before, in a Map: the reference the table must agree with. */
const referenceAdd = (map: Map<string, Posting>, key: string, slot: number) => {
  const posting = map.get(key);
  if (posting === undefined) map.set(key, slot);
  else if (typeof posting === 'number') map.set(key, [posting, slot]);
  else posting.push(slot);
};
const referenceRemove = (map: Map<string, Posting>, key: string, slot: number) => {
  const posting = map.get(key);
  if (posting === undefined) return;
  if (typeof posting === 'number') {
    if (posting === slot) map.delete(key);
    return;
  }
  const at = posting.indexOf(slot);
  if (at >= 0) posting.splice(at, 1);
  if (posting.length === 1) map.set(key, posting[0] as number);
  else if (posting.length === 0) map.delete(key);
};

describe('PostingTable', () => {
  it('When keys are added and removed at random, then every posting equals that of a Map', () => {
    const random = seededRandom(5);
    const table = new PostingTable();
    const reference = new Map<string, Posting>();
    const keys = Array.from({ length: 5_000 }, (_, i) => `${'tnmdpa'[i % 6]}:key${i}`);
    const live: [string, number][] = [];
    for (let step = 0; step < 60_000; step++) {
      if (live.length > 0 && random.chance(0.3)) {
        const [key, slot] = live.splice(random.int(0, live.length - 1), 1)[0]!;
        table.remove(key, slot);
        referenceRemove(reference, key, slot);
      } else {
        const key = random.pick(keys);
        const slot = step;
        table.add(key, slot);
        referenceAdd(reference, key, slot);
        live.push([key, slot]);
      }
    }
    for (const key of keys) expect(table.get(key)).toEqual(reference.get(key));
    expect(table.get('t:never added')).toBeUndefined();
  });
});
