/**
 * Jaro-Winkler similarity in [0, 1]. Written here because it is twenty lines and the maintained
 * packages either pull in large dependency trees or are unmaintained; it is covered by the
 * reference values from Winkler (1990) in the test beside it.
 */

/**
 * Matched-character marks, reused across calls: the scorer runs Jaro millions of times on a large
 * CSV, and two fresh arrays a call made it the largest cost after the comparisons themselves.
 * Entries equal to `stamp` are marked; bumping the stamp clears them all at once.
 */
let marksA = new Uint32Array(64);
let marksB = new Uint32Array(64);
let stamp = 0;

const nextStamp = (lengthA: number, lengthB: number): number => {
  if (marksA.length < lengthA) marksA = new Uint32Array(lengthA * 2);
  if (marksB.length < lengthB) marksB = new Uint32Array(lengthB * 2);
  if (stamp >= 0xfffffff0) {
    marksA.fill(0);
    marksB.fill(0);
    stamp = 0;
  }
  return ++stamp;
};

export const jaro = (a: string, b: string): number => {
  if (a === b) return 1;
  const lengthA = a.length;
  const lengthB = b.length;
  if (lengthA === 0 || lengthB === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(lengthA, lengthB) / 2) - 1);
  const mark = nextStamp(lengthA, lengthB);
  const matchedA = marksA;
  const matchedB = marksB;
  let matches = 0;
  for (let i = 0; i < lengthA; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(lengthB - 1, i + window);
    const code = a.charCodeAt(i);
    for (let j = from; j <= to; j++) {
      if (matchedB[j] === mark || code !== b.charCodeAt(j)) continue;
      matchedA[i] = mark;
      matchedB[j] = mark;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < lengthA; i++) {
    if (matchedA[i] !== mark) continue;
    while (matchedB[k] !== mark) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  const m = matches;
  return (m / lengthA + m / lengthB + (m - transpositions / 2) / m) / 3;
};

const commonPrefix = (a: string, b: string): number => {
  let prefix = 0;
  const limit = Math.min(4, a.length, b.length);
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return prefix;
};

/** Winkler's boost for a common prefix (up to 4 characters, scale 0.1). */
export const jaroWinkler = (a: string, b: string): number => {
  const similarity = jaro(a, b);
  return similarity + commonPrefix(a, b) * 0.1 * (1 - similarity);
};

/** A 32-bit set of the characters in `text` (by code point mod 32; collisions only loosen the bound). */
export const letterMask = (text: string): number => {
  let mask = 0;
  for (let i = 0; i < text.length; i++) mask |= 1 << (text.charCodeAt(i) & 31);
  return mask;
};

const bitCount = (value: number): number => {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
};

/**
 * Jaro-Winkler when it reaches `floor`, else 0 (or any value below `floor`). Each character of one
 * string that never occurs in the other cannot match, so counting those bounds the number of
 * matches, and with it the similarity, before the quadratic scan; most pairs of different words
 * stop there. Callers that only act on similarities at or above a floor get the same answers.
 */
export const jaroWinklerAtLeast = (
  a: string,
  b: string,
  floor: number,
  maskA: number = letterMask(a),
  maskB: number = letterMask(b),
): number => {
  if (a === b) return 1;
  // A small margin keeps rounding in the bound from ever discarding a pair at the floor exactly.
  if (jaroWinklerBound(a, b, maskA, maskB) < floor - 1e-9) return 0;
  return jaroWinkler(a, b);
};

/** An upper bound on `jaroWinkler(a, b)` from lengths, character masks and the common prefix. */
export const jaroWinklerBound = (a: string, b: string, maskA: number, maskB: number): number => {
  if (a === b) return 1;
  const lengthA = a.length;
  const lengthB = b.length;
  if (lengthA === 0 || lengthB === 0) return 0;
  const matches = Math.min(lengthA - bitCount(maskA & ~maskB), lengthB - bitCount(maskB & ~maskA));
  if (matches <= 0) return 0;
  const jaroBound = (matches / lengthA + matches / lengthB + 1) / 3;
  return jaroBound + commonPrefix(a, b) * 0.1 * (1 - jaroBound);
};
