import { doubleMetaphone } from 'double-metaphone';
import { GENERIC_NAME_WORDS } from './normalise/companyName.js';
import type { PreparedRecord } from './record.js';

const FILLER = new Set(['and', 'of', 'the', 'de', 'la', 'le', 'van', 'der', 'von', 'du', 'des', 'di']);

/**
 * Blocking keys: a record is only compared with records sharing at least one key. Kinds, by prefix:
 * `n:` whole normalised name, `t:` name token, `m:` phonetic code of a distinctive name token,
 * `d:` registrable domain, `p:` phone (last seven digits), `a:` house number and street, `e:` e-mail.
 * Very common keys are skipped at lookup time, so "t:systems" costs nothing at scale.
 */
export const blockingKeys = (record: PreparedRecord): string[] => {
  const keys = new Set<string>();
  if (record.name.squashed) keys.add(`n:${record.name.squashed}`);
  let phonetic = 0;
  for (const token of record.name.tokens) {
    if (token.length < 2 || FILLER.has(token)) continue;
    keys.add(`t:${token}`);
    if (phonetic < 2 && token.length >= 3 && !GENERIC_NAME_WORDS.has(token) && /^\p{L}+$/u.test(token)) {
      const [primary] = doubleMetaphone(token);
      if (primary) keys.add(`m:${primary}`);
      phonetic++;
    }
  }
  // Squashed prefix: "Micro Soft" and "Microsoft", or an OCR split such as "Maats-chappij".
  if (record.name.squashed.length >= 6) keys.add(`s:${record.name.squashed.slice(0, 6)}`);
  for (const { domain } of record.domains) keys.add(`d:${domain}`);
  if (record.phone && record.phone.tail.length === 7) keys.add(`p:${record.phone.tail}`);
  if (record.address?.number && record.address.streetTokens.length > 0) {
    const street = record.address.streetTokens.find((token) => token.length > 2) ?? record.address.streetTokens[0];
    keys.add(`a:${record.address.number}:${street}`);
  }
  if (record.email) keys.add(`e:${record.email}`);
  return [...keys];
};
