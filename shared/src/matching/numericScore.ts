import { SQUASHED_FLOOR } from './features.js';
import type { MatchModel } from './matchModel.js';
import type { PreparedRecord } from './record.js';
import { jaroWinklerAtLeast } from './similarity/jaroWinkler.js';
import { compareNameProfiles, compareNames, type NameProfile } from './similarity/nameSimilarity.js';
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

const DOMAIN_NONE = 0;
const DOMAIN_SAME = 1;
const DOMAIN_LABEL = 2;
const DOMAIN_DIFF = 3;

const domainOutcome = (a: PreparedRecord, b: PreparedRecord): number => {
  if (a.domains.length === 0 || b.domains.length === 0) return DOMAIN_NONE;
  for (const left of a.domains)
    for (const right of b.domains) if (right.domain === left.domain) return DOMAIN_SAME;
  for (const left of a.domains)
    for (const right of b.domains) if (sameLabel(right.domain, left.domain)) return DOMAIN_LABEL;
  return DOMAIN_DIFF;
};

const NAME_OPTIONS = { squashedFloor: SQUASHED_FLOOR };

const nameContribution = (
  a: PreparedRecord,
  b: PreparedRecord,
  rarity: TokenRarity,
  w: MatchModel['weights'],
  profiles: readonly [NameProfile, NameProfile] | undefined,
): number => {
  const similarity = profiles
    ? compareNameProfiles(profiles[0], profiles[1], SQUASHED_FLOOR)
    : compareNames(a.name, b.name, rarity, NAME_OPTIONS);
  // Same features, same order and same skipping of zeros as `compareNameField` + `contributionOf`.
  const { softTfIdf, containment, squashed, exact, acronym } = similarity;
  let contribution = 0;
  if (exact) contribution += w.name_exact;
  if (softTfIdf !== 0) contribution += w.name_tfidf * softTfIdf;
  const tfIdfHigh = Math.max(0, softTfIdf - 0.8) / 0.2;
  if (tfIdfHigh !== 0) contribution += w.name_tfidf_high * tfIdfHigh;
  if (containment !== 0) contribution += w.name_containment * containment;
  const squashedHigh = Math.max(0, squashed - SQUASHED_FLOOR) / 0.15;
  if (squashedHigh !== 0) contribution += w.name_squashed_high * squashedHigh;
  if (acronym) contribution += w.name_acronym;
  if (!acronym && softTfIdf < 0.5 && containment < 0.5) contribution += w.name_weak;
  return contribution;
};

const cityMatches = (left: string, right: string): boolean => {
  if (left === right) return true;
  const [shorter, longer] = left.length <= right.length ? [left, right] : [right, left];
  if (shorter.length >= 4 && (longer.startsWith(`${shorter} `) || longer.endsWith(` ${shorter}`)))
    return true;
  return jaroWinklerAtLeast(left, right, 0.95) >= 0.95;
};

/**
 * The log-odds `scorePair` would give, without explaining it. `profiles`, when given, are the two
 * names profiled under `rarity` (see `nameProfile`), so a record compared many times is profiled once.
 */
export const numericLogOdds = (
  a: PreparedRecord,
  b: PreparedRecord,
  rarity: TokenRarity,
  model: MatchModel,
  profiles?: readonly [NameProfile, NameProfile],
): number => {
  const w = model.weights;
  let logOdds = model.intercept;
  if (a.name.tokens.length > 0 && b.name.tokens.length > 0)
    logOdds += nameContribution(a, b, rarity, w, profiles);
  const domain = domainOutcome(a, b);
  if (domain === DOMAIN_SAME) logOdds += w.domain_same;
  else if (domain === DOMAIN_LABEL) logOdds += w.domain_label_same;
  else if (domain === DOMAIN_DIFF) logOdds += w.domain_diff;
  if (a.email && b.email && a.email === b.email) logOdds += w.email_same;
  if (a.phone && b.phone) {
    const pa = a.phone;
    const pb = b.phone;
    if ((pa.e164 && pa.e164 === pb.e164) || (pa.national.length >= 8 && pa.national === pb.national)) {
      logOdds += w.phone_same;
    } else if (pa.tail.length === 7 && pa.tail === pb.tail) {
      logOdds += w.phone_tail_same;
    } else {
      let contribution = w.phone_diff;
      if (domain === DOMAIN_DIFF) contribution += w.phone_and_domain_diff;
      logOdds += contribution;
    }
  }
  const aa = a.address;
  const ba = b.address;
  if (aa && ba && aa.streetTokens.length > 0 && ba.streetTokens.length > 0) {
    if (aa.number !== null && ba.number !== null && aa.number !== ba.number) {
      logOdds += w.address_diff;
    } else {
      const street = aa.street === ba.street ? 1 : jaroWinklerAtLeast(aa.street, ba.street, 0.85);
      logOdds += street >= 0.97 ? w.address_same : street >= 0.85 ? w.address_street_close : w.address_diff;
    }
  }
  if (a.zip && b.zip) logOdds += a.zip === b.zip ? w.zip_same : w.zip_diff;
  if (a.city && b.city) logOdds += cityMatches(a.city, b.city) ? w.city_same : w.city_diff;
  return logOdds;
};
