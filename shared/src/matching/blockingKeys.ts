import { doubleMetaphone } from 'double-metaphone';
import { acronymOf, GENERIC_NAME_WORDS } from './normalise/companyName.js';
import type { PreparedRecord } from './record.js';

const FILLER = new Set(['and', 'of', 'the', 'de', 'la', 'le', 'van', 'der', 'von', 'du', 'des', 'di']);

/** Tokens that can tell one organisation from another: not filler, not a generic word like "Systems". */
const distinctive = (token: string): boolean =>
  token.length >= 2 && !FILLER.has(token) && !GENERIC_NAME_WORDS.has(token);

/**
 * Blocking keys: a record is only compared with records sharing at least one key. Kinds, by prefix:
 * - `n:` whole normalised name; `s:` its first six letters without spaces ("Micro Soft" ↔ "Microsoft");
 * - `t:` name token; `m:` phonetic code (double metaphone) of the first two distinctive tokens, so a
 *   misspelt brand still meets its record; `f:` first four letters of the first distinctive token
 *   ("Gloeilampenfabriek" ↔ "Gloeilampenfabrieken");
 * - `o:` the two leading distinctive tokens in alphabetical order, for word-order variants;
 * - `c:` initials of a name of three or more words, or a short single token that may be initials,
 *   so "IBM" meets "International Business Machines";
 * - `d:` registrable domain, `p:` phone (last seven digits), `a:` house number and street word,
 *   `e:` e-mail address.
 * Over-common keys ("t:systems" at scale) are skipped or consulted last at lookup time, by posting
 * size, so they cost little.
 */
export const blockingKeys = (record: PreparedRecord): string[] => {
  // A dozen keys at most: an array checked before each push is cheaper than a Set, in key order.
  const keys: string[] = [];
  const add = (key: string): void => {
    if (!keys.includes(key)) keys.push(key);
  };
  const { name } = record;
  if (name.squashed) add(`n:${name.squashed}`);
  if (name.squashed.length >= 6) add(`s:${name.squashed.slice(0, 6)}`);
  const rare: string[] = [];
  for (const token of name.tokens) {
    if (token.length < 2 || FILLER.has(token)) continue;
    add(`t:${token}`);
    if (!distinctive(token)) continue;
    if (rare.length < 2 && token.length >= 3 && /^\p{L}+$/u.test(token)) {
      const [primary] = doubleMetaphone(token);
      if (primary) add(`m:${primary}`);
    }
    if (rare.length === 0 && token.length >= 5) add(`f:${token.slice(0, 4)}`);
    rare.push(token);
  }
  if (rare.length >= 2) {
    const [first, second] = rare as [string, string];
    add(first < second ? `o:${first} ${second}` : `o:${second} ${first}`);
  }
  if (name.tokens.length >= 3) add(`c:${acronymOf(name)}`);
  else if (name.tokens.length === 1 && name.squashed.length >= 2 && name.squashed.length <= 5)
    add(`c:${name.squashed}`);
  for (const { domain } of record.domains) add(`d:${domain}`);
  if (record.phone && record.phone.tail.length === 7) add(`p:${record.phone.tail}`);
  if (record.address?.number && record.address.streetTokens.length > 0) {
    const street =
      record.address.streetTokens.find((token) => token.length > 2) ?? record.address.streetTokens[0];
    add(`a:${record.address.number}:${street}`);
  }
  if (record.email) add(`e:${record.email}`);
  return keys;
};

/** How much sharing a key of this kind says about a pair, before its rarity is considered. */
export const keyKindWeight = (key: string): number => {
  switch (key.charCodeAt(0)) {
    case 110: // n: the same normalised name
    case 100: // d: domain
    case 112: // p: phone
    case 101: // e: e-mail
      return 2;
    case 97: // a: street address
      return 1.5;
    default:
      return 1;
  }
};
