import { acronymOf, type NormalisedCompanyName } from '../normalise/companyName.js';
import type { TokenRarity } from '../tokenRarity.js';
import { jaroWinkler } from './jaroWinkler.js';

/** Tokens closer than this count as the same word with a typo ("Electroncis" ↔ "Electronics"). */
const TOKEN_MATCH_FLOOR = 0.9;

export type NameSimilarity = {
  /** Soft TF-IDF cosine (Cohen, Ravikumar & Fienberg 2003): rarity-weighted token overlap with typo tolerance. */
  softTfIdf: number;
  /** Share of the shorter name's rarity mass found in the other: "Arnie Morton's" inside "Arnie Morton's of Chicago". */
  containment: number;
  /** Jaro-Winkler over the names without spaces: "Microsoft" ↔ "Micro Soft". */
  squashed: number;
  exact: boolean;
  /** One name is the initials of the other: "IBM" ↔ "International Business Machines". */
  acronym: boolean;
};

const bestMatch = (token: string, others: readonly string[]): { index: number; similarity: number } => {
  let best = { index: -1, similarity: 0 };
  for (let i = 0; i < others.length; i++) {
    const other = others[i] as string;
    const similarity = token === other ? 1 : token.length < 4 || other.length < 4 ? 0 : jaroWinkler(token, other);
    if (similarity > best.similarity) best = { index: i, similarity };
    if (similarity === 1) break;
  }
  return best.similarity >= TOKEN_MATCH_FLOOR ? best : { index: -1, similarity: 0 };
};

/** Rarity-weighted agreement from a's point of view: [cosine numerator, a's squared mass covered]. */
const directed = (a: readonly string[], b: readonly string[], rarity: TokenRarity): [number, number] => {
  let dot = 0;
  let covered = 0;
  for (const token of a) {
    const match = bestMatch(token, b);
    if (match.index < 0) continue;
    const weightA = rarity.weight(token);
    dot += weightA * rarity.weight(b[match.index] as string) * match.similarity;
    covered += weightA * weightA * match.similarity;
  }
  return [dot, covered];
};

const squaredMass = (tokens: readonly string[], rarity: TokenRarity): number =>
  tokens.reduce((sum, token) => sum + rarity.weight(token) ** 2, 0);

export const compareNames = (
  a: NormalisedCompanyName,
  b: NormalisedCompanyName,
  rarity: TokenRarity,
): NameSimilarity => {
  if (a.tokens.length === 0 || b.tokens.length === 0) {
    return { softTfIdf: 0, containment: 0, squashed: 0, exact: false, acronym: false };
  }
  const exact = a.key === b.key;
  const massA = squaredMass(a.tokens, rarity);
  const massB = squaredMass(b.tokens, rarity);
  const [dotAB, coveredA] = directed(a.tokens, b.tokens, rarity);
  const [dotBA, coveredB] = directed(b.tokens, a.tokens, rarity);
  const norm = Math.sqrt(massA * massB) || 1;
  const softTfIdf = exact ? 1 : Math.min(1, (dotAB + dotBA) / 2 / norm);
  const containment = exact ? 1 : Math.max(massA ? coveredA / massA : 0, massB ? coveredB / massB : 0);
  const squashed = exact ? 1 : jaroWinkler(a.squashed, b.squashed);
  const acronym =
    !exact &&
    ((a.tokens.length === 1 && a.squashed.length >= 2 && b.tokens.length >= 2 && acronymOf(b) === a.squashed) ||
      (b.tokens.length === 1 && b.squashed.length >= 2 && a.tokens.length >= 2 && acronymOf(a) === b.squashed));
  return { softTfIdf, containment: Math.min(1, containment), squashed, exact, acronym };
};
