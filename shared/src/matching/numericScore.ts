import { SQUASHED_FLOOR } from './features.js';
import type { MatchModel } from './matchModel.js';
import type { PreparedRecord } from './record.js';
import { jaroWinklerAtLeast, jaroWinklerBound } from './similarity/jaroWinkler.js';
import {
  scratchProfile,
  tokenAgreement,
  type NameProfile,
  type TokenAgreement,
} from './similarity/nameSimilarity.js';
import type { TokenRarity } from './tokenRarity.js';

/*
 * The log-odds of a pair with no objects built: the same comparisons as `compareFields`, in the same
 * order and summed the same way (so the result is identical to `scorePair`'s, bit for bit), but
 * without findings, feature records or reason objects. Every candidate pair of a large CSV goes
 * through here, and nine in ten are no match; a test checks the two agree.
 */

/** "acme.com" and "acme.de" share the label before the first dot, compared without slicing. */
const sameLabel = (left: string, right: string): boolean => {
  const dotLeft = left.indexOf('.');
  const dotRight = right.indexOf('.');
  const lengthLeft = dotLeft < 0 ? left.length : dotLeft;
  const lengthRight = dotRight < 0 ? right.length : dotRight;
  if (lengthLeft !== lengthRight) return false;
  for (let i = 0; i < lengthLeft; i++) if (left.charCodeAt(i) !== right.charCodeAt(i)) return false;
  return true;
};

export const DOMAIN_NONE = 0;
export const DOMAIN_SAME = 1;
export const DOMAIN_LABEL = 2;
export const DOMAIN_DIFF = 3;

const domainOutcome = (a: PreparedRecord, b: PreparedRecord): number => {
  if (a.domains.length === 0 || b.domains.length === 0) return DOMAIN_NONE;
  for (const left of a.domains)
    for (const right of b.domains) if (right.domain === left.domain) return DOMAIN_SAME;
  for (const left of a.domains)
    for (const right of b.domains) if (sameLabel(right.domain, left.domain)) return DOMAIN_LABEL;
  return DOMAIN_DIFF;
};

/**
 * What every field but the name adds, as `compareFields` would find it. Filled either from two
 * prepared records (`numericLogOdds`) or from `ScoringTable`'s columns; reused, never allocated.
 */
export type FieldParts = {
  domain: number;
  email: number;
  hasPhone: boolean;
  phone: number;
  address: number;
  zip: number;
  city: number;
};

/** Weights of the domain outcome and the phone comparison, which the table shares. */
export const domainWeight = (domain: number, w: MatchModel['weights']): number =>
  domain === DOMAIN_SAME
    ? w.domain_same
    : domain === DOMAIN_LABEL
      ? w.domain_label_same
      : domain === DOMAIN_DIFF
        ? w.domain_diff
        : 0;

export const PHONE_SAME = 1;
export const PHONE_TAIL = 2;
export const PHONE_DIFF = 3;

export const phoneWeight = (phone: number, domain: number, w: MatchModel['weights']): number => {
  if (phone === PHONE_SAME) return w.phone_same;
  if (phone === PHONE_TAIL) return w.phone_tail_same;
  let weight = w.phone_diff;
  if (domain === DOMAIN_DIFF) weight += w.phone_and_domain_diff;
  return weight;
};

/** The address weight once house numbers are known not to differ: by street similarity. */
export const streetWeight = (street: number, w: MatchModel['weights']): number =>
  street >= 0.97 ? w.address_same : street >= 0.85 ? w.address_street_close : w.address_diff;

const agreement: TokenAgreement = { softTfIdf: 0, containment: 0, exact: false, acronym: false };

/**
 * The name's contribution with the squashed-name feature at `squashedHigh`, summed in the order of
 * `compareNameField` + `contributionOf` (same features, same skipping of zeros).
 */
const nameContribution = (w: MatchModel['weights'], squashedHigh: number): number => {
  const { softTfIdf, containment, exact, acronym } = agreement;
  let contribution = 0;
  if (exact) contribution += w.name_exact;
  if (softTfIdf !== 0) contribution += w.name_tfidf * softTfIdf;
  const tfIdfHigh = Math.max(0, softTfIdf - 0.8) / 0.2;
  if (tfIdfHigh !== 0) contribution += w.name_tfidf_high * tfIdfHigh;
  if (containment !== 0) contribution += w.name_containment * containment;
  if (squashedHigh !== 0) contribution += w.name_squashed_high * squashedHigh;
  if (acronym) contribution += w.name_acronym;
  if (!acronym && softTfIdf < 0.5 && containment < 0.5) contribution += w.name_weak;
  return contribution;
};

const squashedHigh = (squashed: number): number => Math.max(0, squashed - SQUASHED_FLOOR) / 0.15;

/** "new york" and "new york city", or Jaro-Winkler at least 0.95: the `city_same` rule. */
export const cityMatches = (left: string, right: string): boolean => {
  if (left === right) return true;
  const shorter = left.length <= right.length ? left : right;
  const longer = left.length <= right.length ? right : left;
  if (shorter.length >= 4 && longer.length > shorter.length) {
    // `${shorter} ` starts `longer`, or ` ${shorter}` ends it.
    if (longer.charCodeAt(shorter.length) === 32 && longer.startsWith(shorter)) return true;
    if (longer.charCodeAt(longer.length - shorter.length - 1) === 32 && longer.endsWith(shorter)) return true;
  }
  return jaroWinklerAtLeast(left, right, 0.95) >= 0.95;
};

/** Intercept, name, then the other fields in `compareFields` order, each added only when present. */
const total = (model: MatchModel, parts: FieldParts, domain: number, name: number): number => {
  let logOdds = model.intercept;
  logOdds += name;
  if (domain !== DOMAIN_NONE) logOdds += parts.domain;
  if (parts.email !== 0) logOdds += parts.email;
  if (parts.hasPhone) logOdds += parts.phone;
  if (parts.address !== 0) logOdds += parts.address;
  if (parts.zip !== 0) logOdds += parts.zip;
  if (parts.city !== 0) logOdds += parts.city;
  return logOdds;
};

/**
 * Add the name to the other fields' parts. With a finite `floor`, a pair whose squashed-name bound
 * cannot lift it to the floor returns early, below the floor (see `numericLogOdds`).
 */
export const withName = (
  model: MatchModel,
  parts: FieldParts,
  domain: number,
  pa: NameProfile,
  pb: NameProfile,
  floor: number,
): number => {
  const w = model.weights;
  const a = pa.name;
  const b = pb.name;
  if (a.tokens.length === 0 || b.tokens.length === 0) return total(model, parts, domain, 0);
  tokenAgreement(pa, pb, agreement);
  if (agreement.exact) return total(model, parts, domain, nameContribution(w, squashedHigh(1)));
  if (floor > -Infinity && w.name_squashed_high >= 0) {
    const bound = jaroWinklerBound(a.squashed, b.squashed, pa.squashedMask, pb.squashedMask);
    const best = total(model, parts, domain, nameContribution(w, squashedHigh(Math.min(1, bound))));
    if (best < floor - 1e-9) return best;
  }
  const squashed = jaroWinklerAtLeast(
    a.squashed,
    b.squashed,
    SQUASHED_FLOOR,
    pa.squashedMask,
    pb.squashedMask,
  );
  return total(model, parts, domain, nameContribution(w, squashedHigh(squashed)));
};

const parts: FieldParts = { domain: 0, email: 0, hasPhone: false, phone: 0, address: 0, zip: 0, city: 0 };

/**
 * The log-odds `scorePair` would give, without explaining it. `profiles`, when given, are the two
 * names profiled under `rarity` (see `nameProfile`), so a record compared many times is profiled once.
 *
 * With `floor`, a pair that cannot reach it may stop early and return any value below it: the
 * squashed-name similarity (a Jaro scan over whole names, the costliest step) is only computed when
 * its bound could lift the pair to the floor. At or above the floor the value is exact.
 */
export const numericLogOdds = (
  a: PreparedRecord,
  b: PreparedRecord,
  rarity: TokenRarity,
  model: MatchModel,
  profiles?: readonly [NameProfile, NameProfile],
  floor = -Infinity,
): number => {
  const w = model.weights;
  const domain = domainOutcome(a, b);
  parts.domain = domainWeight(domain, w);
  parts.email = a.email && b.email && a.email === b.email ? w.email_same : 0;
  parts.hasPhone = !!a.phone && !!b.phone;
  if (a.phone && b.phone) {
    const pa = a.phone;
    const pb = b.phone;
    const outcome =
      (pa.e164 && pa.e164 === pb.e164) || (pa.national.length >= 8 && pa.national === pb.national)
        ? PHONE_SAME
        : pa.tail.length === 7 && pa.tail === pb.tail
          ? PHONE_TAIL
          : PHONE_DIFF;
    parts.phone = phoneWeight(outcome, domain, w);
  }
  parts.address = 0;
  const aa = a.address;
  const ba = b.address;
  if (aa && ba && aa.streetTokens.length > 0 && ba.streetTokens.length > 0) {
    if (aa.number !== null && ba.number !== null && aa.number !== ba.number) parts.address = w.address_diff;
    else
      parts.address = streetWeight(
        aa.street === ba.street ? 1 : jaroWinklerAtLeast(aa.street, ba.street, 0.85),
        w,
      );
  }
  parts.zip = a.zip && b.zip ? (a.zip === b.zip ? w.zip_same : w.zip_diff) : 0;
  parts.city = a.city && b.city ? (cityMatches(a.city, b.city) ? w.city_same : w.city_diff) : 0;
  if (a.name.tokens.length === 0 || b.name.tokens.length === 0) return total(model, parts, domain, 0);
  const pa = profiles ? profiles[0] : scratchProfile(0, a.name, rarity);
  const pb = profiles ? profiles[1] : scratchProfile(1, b.name, rarity);
  return withName(model, parts, domain, pa, pb, floor);
};
