import type { NormalisedCompanyName } from '../normalise/companyName.js';
import type { TokenRarity } from '../tokenRarity.js';
import { jaroWinkler, jaroWinklerAtLeast, letterMask } from './jaroWinkler.js';

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

/**
 * A name with what comparing it needs, computed once: each token's rarity weight and character
 * mask, the squared rarity mass and the squashed name's mask. `findDuplicates` builds one per record;
 * `compareNames` fills two reusable ones, since a comparison runs millions of times on a large CSV.
 */
export type NameProfile = {
  name: NormalisedCompanyName;
  weights: Float64Array;
  masks: Int32Array;
  /** Sum of squared token weights, in token order. */
  mass: number;
  squashedMask: number;
};

const emptyProfile = (size: number): NameProfile => ({
  name: { display: '', tokens: [], key: '', squashed: '', legalForms: [] },
  weights: new Float64Array(size),
  masks: new Int32Array(size),
  mass: 0,
  squashedMask: 0,
});

const fillProfile = (profile: NameProfile, name: NormalisedCompanyName, rarity: TokenRarity): NameProfile => {
  const { tokens } = name;
  if (profile.weights.length < tokens.length) {
    profile.weights = new Float64Array(tokens.length * 2);
    profile.masks = new Int32Array(tokens.length * 2);
  }
  let mass = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const weight = rarity.weight(token);
    profile.weights[i] = weight;
    profile.masks[i] = letterMask(token);
    mass += weight ** 2;
  }
  profile.name = name;
  profile.mass = mass;
  profile.squashedMask = letterMask(name.squashed);
  return profile;
};

/** The profile of `name` under the current statistics of `rarity` (valid until they change). */
export const nameProfile = (name: NormalisedCompanyName, rarity: TokenRarity): NameProfile =>
  fillProfile(emptyProfile(name.tokens.length), name, rarity);

const scratchA = emptyProfile(16);
const scratchB = emptyProfile(16);

/**
 * Rarity-weighted agreement from a's point of view: the cosine numerator and a's squared mass
 * covered. Each token of a takes its best match in b at or above the typo floor (the first such on
 * ties); tokens shorter than four letters must be equal.
 */
const directed = (sa: NameProfile, sb: NameProfile, out: { dot: number; covered: number }): void => {
  const a = sa.name.tokens;
  const b = sb.name.tokens;
  let dot = 0;
  let covered = 0;
  for (let i = 0; i < a.length; i++) {
    const token = a[i] as string;
    let bestIndex = -1;
    let best = 0;
    for (let j = 0; j < b.length; j++) {
      const other = b[j] as string;
      const similarity =
        token === other
          ? 1
          : token.length < 4 || other.length < 4
            ? 0
            : jaroWinklerAtLeast(token, other, TOKEN_MATCH_FLOOR, sa.masks[i], sb.masks[j]);
      if (similarity > best) {
        best = similarity;
        bestIndex = j;
      }
      if (similarity === 1) break;
    }
    if (best < TOKEN_MATCH_FLOOR || bestIndex < 0) continue;
    const weightA = sa.weights[i] as number;
    dot += weightA * (sb.weights[bestIndex] as number) * best;
    covered += weightA * weightA * best;
  }
  out.dot = dot;
  out.covered = covered;
};

/** `acronymOf(name) === initials`, without building the acronym. */
const isAcronymOf = (name: NormalisedCompanyName, initials: string): boolean => {
  let at = 0;
  for (const token of name.tokens) {
    if (token === 'and' || token === 'of') continue;
    if (at >= initials.length || token.charCodeAt(0) !== initials.charCodeAt(at)) return false;
    at++;
  }
  return at === initials.length;
};

const ab = { dot: 0, covered: 0 };
const ba = { dot: 0, covered: 0 };

/** The token-level part of a name comparison: everything but the squashed-name similarity. */
export type TokenAgreement = Omit<NameSimilarity, 'squashed'>;

/** Fill `out` with the token-level comparison of two profiled names (both with tokens). */
export const tokenAgreement = (pa: NameProfile, pb: NameProfile, out: TokenAgreement): TokenAgreement => {
  const a = pa.name;
  const b = pb.name;
  out.exact = a.key === b.key;
  if (out.exact) {
    out.softTfIdf = 1;
    out.containment = 1;
    out.acronym = false;
    return out;
  }
  const massA = pa.mass;
  const massB = pb.mass;
  directed(pa, pb, ab);
  directed(pb, pa, ba);
  const norm = Math.sqrt(massA * massB) || 1;
  out.softTfIdf = Math.min(1, (ab.dot + ba.dot) / 2 / norm);
  out.containment = Math.min(1, Math.max(massA ? ab.covered / massA : 0, massB ? ba.covered / massB : 0));
  out.acronym =
    (a.tokens.length === 1 && a.squashed.length >= 2 && b.tokens.length >= 2 && isAcronymOf(b, a.squashed)) ||
    (b.tokens.length === 1 && b.squashed.length >= 2 && a.tokens.length >= 2 && isAcronymOf(a, b.squashed));
  return out;
};

/** One of two reusable profiles (`which` 0 or 1) filled for `name`: valid until refilled. */
export const scratchProfile = (which: 0 | 1, name: NormalisedCompanyName, rarity: TokenRarity): NameProfile =>
  fillProfile(which === 0 ? scratchA : scratchB, name, rarity);

/**
 * Compare two profiled names. With `squashedFloor`, a squashed-name similarity below that floor may
 * be reported as 0: the scorer only uses it above 0.85, and bounding it first skips most of the
 * quadratic Jaro scans on whole names.
 */
export const compareNameProfiles = (
  pa: NameProfile,
  pb: NameProfile,
  squashedFloor?: number,
): NameSimilarity => {
  const a = pa.name;
  const b = pb.name;
  if (a.tokens.length === 0 || b.tokens.length === 0) {
    return { softTfIdf: 0, containment: 0, squashed: 0, exact: false, acronym: false };
  }
  const { softTfIdf, containment, exact, acronym } = tokenAgreement(pa, pb, {
    softTfIdf: 0,
    containment: 0,
    exact: false,
    acronym: false,
  });
  const squashed = exact
    ? 1
    : squashedFloor === undefined
      ? jaroWinkler(a.squashed, b.squashed)
      : jaroWinklerAtLeast(a.squashed, b.squashed, squashedFloor, pa.squashedMask, pb.squashedMask);
  return { softTfIdf, containment, squashed, exact, acronym };
};

/** Compare two normalised names under the token rarity of `rarity` (see `compareNameProfiles`). */
export const compareNames = (
  a: NormalisedCompanyName,
  b: NormalisedCompanyName,
  rarity: TokenRarity,
  options: { squashedFloor?: number } = {},
): NameSimilarity => {
  if (a.tokens.length === 0 || b.tokens.length === 0) {
    return { softTfIdf: 0, containment: 0, squashed: 0, exact: false, acronym: false };
  }
  return compareNameProfiles(
    scratchProfile(0, a, rarity),
    scratchProfile(1, b, rarity),
    options.squashedFloor,
  );
};
