import { domainLabel } from './normalise/domain.js';
import { jaroWinkler } from './similarity/jaroWinkler.js';
import { compareNames } from './similarity/nameSimilarity.js';
import type { PreparedRecord } from './record.js';
import type { TokenRarity } from './tokenRarity.js';

/** The fields a match can rest on; each gives one reason. */
export type MatchField = 'name' | 'domain' | 'phone' | 'address' | 'zip' | 'city' | 'email';

/**
 * The features the logistic model is fitted on, grouped by field. Agreement levels are indicators
 * (so each level gets its own fitted weight, like Fellegi–Sunter levels); a missing field sets none
 * of them and so contributes nothing.
 */
export const FEATURES = [
  'name_exact',
  'name_tfidf',
  'name_tfidf_high',
  'name_containment',
  'name_squashed_high',
  'name_acronym',
  'name_weak',
  'domain_same',
  'domain_label_same',
  'domain_diff',
  'phone_same',
  'phone_tail_same',
  'phone_diff',
  'phone_and_domain_diff',
  'address_same',
  'address_street_close',
  'address_diff',
  'zip_same',
  'zip_diff',
  'city_same',
  'city_diff',
  'email_same',
] as const;
export type FeatureName = (typeof FEATURES)[number];

export const FEATURE_FIELD: Record<FeatureName, MatchField> = {
  name_exact: 'name',
  name_tfidf: 'name',
  name_tfidf_high: 'name',
  name_containment: 'name',
  name_squashed_high: 'name',
  name_acronym: 'name',
  name_weak: 'name',
  domain_same: 'domain',
  domain_label_same: 'domain',
  domain_diff: 'domain',
  phone_same: 'phone',
  phone_tail_same: 'phone',
  phone_diff: 'phone',
  phone_and_domain_diff: 'phone',
  address_same: 'address',
  address_street_close: 'address',
  address_diff: 'address',
  zip_same: 'zip',
  zip_diff: 'zip',
  city_same: 'city',
  city_diff: 'city',
  email_same: 'email',
};

/**
 * The sign each weight must have: agreement can only argue for a match and disagreement only against
 * it, so a model fitted on one kind of data cannot learn, say, that a shared phone argues against a
 * match (the fitting script enforces this; see docs/matching.md).
 */
export const FEATURE_SIGN: Record<FeatureName, 1 | -1> = {
  name_exact: 1,
  name_tfidf: 1,
  name_tfidf_high: 1,
  name_containment: 1,
  name_squashed_high: 1,
  name_acronym: 1,
  name_weak: -1,
  domain_same: 1,
  domain_label_same: 1,
  domain_diff: -1,
  phone_same: 1,
  phone_tail_same: 1,
  phone_diff: -1,
  phone_and_domain_diff: -1,
  address_same: 1,
  address_street_close: 1,
  address_diff: -1,
  zip_same: 1,
  zip_diff: -1,
  city_same: 1,
  city_diff: -1,
  email_same: 1,
};

/** What one field said about a pair, with the facts a reason string needs. */
export type FieldComparison = {
  field: MatchField;
  features: Partial<Record<FeatureName, number>>;
  /** Plain-language finding, without the contribution, e.g. `same registrable domain acme.com`. */
  finding: string;
  similarity?: number;
};

/**
 * Scoring a candidate that turns out to be no match needs the numbers but not the sentences, and most
 * candidates are no match: comparators write their findings only when asked to explain.
 */
type Explain = boolean;

const round2 = (value: number): string => value.toFixed(2);

/** `name_squashed_high` is zero below this squashed-name similarity. */
export const SQUASHED_FLOOR = 0.85;

const compareNameField = (
  a: PreparedRecord,
  b: PreparedRecord,
  rarity: TokenRarity,
  explain: Explain,
): FieldComparison | null => {
  if (a.name.tokens.length === 0 || b.name.tokens.length === 0) return null;
  // The squashed similarity only counts above 0.85 (`name_squashed_high`), so it may be bounded.
  const similarity = compareNames(a.name, b.name, rarity, { squashedFloor: SQUASHED_FLOOR });
  const headline = Math.max(similarity.softTfIdf, similarity.acronym ? 0.9 : 0);
  let finding = '';
  if (explain) {
    const quoted = `"${a.name.display}" ${similarity.exact ? '=' : '≈'} "${b.name.display}"`;
    const detail = similarity.acronym
      ? ' (acronym)'
      : similarity.containment > similarity.softTfIdf + 0.15 && similarity.containment >= 0.9
        ? ' (one name contains the other)'
        : '';
    finding = similarity.exact
      ? `same normalised name "${a.name.key}" (${quoted})`
      : `name ${quoted} ${round2(headline)}${detail}`;
  }
  return {
    field: 'name',
    similarity: headline,
    finding,
    features: {
      name_exact: similarity.exact ? 1 : 0,
      name_tfidf: similarity.softTfIdf,
      name_tfidf_high: Math.max(0, similarity.softTfIdf - 0.8) / 0.2,
      name_containment: similarity.containment,
      name_squashed_high: Math.max(0, similarity.squashed - SQUASHED_FLOOR) / 0.15,
      name_acronym: similarity.acronym ? 1 : 0,
      name_weak: !similarity.acronym && similarity.softTfIdf < 0.5 && similarity.containment < 0.5 ? 1 : 0,
    },
  };
};

const sourceLabel = (source: string): string => (source === 'email' ? 'e-mail' : source);

const compareDomainField = (
  a: PreparedRecord,
  b: PreparedRecord,
  explain: Explain,
): FieldComparison | null => {
  if (a.domains.length === 0 || b.domains.length === 0) return null;
  for (const left of a.domains) {
    const right = b.domains.find((candidate) => candidate.domain === left.domain);
    if (!right) continue;
    const via =
      left.source === right.source ? '' : ` (${sourceLabel(left.source)} ↔ ${sourceLabel(right.source)})`;
    return {
      field: 'domain',
      similarity: 1,
      finding: explain ? `same registrable domain ${left.domain}${via}` : '',
      features: { domain_same: 1 },
    };
  }
  for (const left of a.domains) {
    const right = b.domains.find((candidate) => domainLabel(candidate.domain) === domainLabel(left.domain));
    if (right) {
      return {
        field: 'domain',
        similarity: 0.8,
        finding: explain ? `same domain name under another suffix ${left.domain} ~ ${right.domain}` : '',
        features: { domain_label_same: 1 },
      };
    }
  }
  return {
    field: 'domain',
    similarity: 0,
    finding: explain ? `different domains ${a.domains[0]!.domain} ≠ ${b.domains[0]!.domain}` : '',
    features: { domain_diff: 1 },
  };
};

/** Full national numbers agree: "415/555-1234" and "(415) 555-1234" with no country code on either. */
const sameNationalNumber = (a: PreparedRecord, b: PreparedRecord): boolean =>
  a.phone!.national.length >= 8 && a.phone!.national === b.phone!.national;

const comparePhoneField = (
  a: PreparedRecord,
  b: PreparedRecord,
  explain: Explain,
): FieldComparison | null => {
  if (!a.phone || !b.phone) return null;
  if ((a.phone.e164 && a.phone.e164 === b.phone.e164) || sameNationalNumber(a, b)) {
    const shown = a.phone.e164 ?? b.phone.e164 ?? a.phone.national;
    return {
      field: 'phone',
      similarity: 1,
      finding: explain ? `same phone ${shown}` : '',
      features: { phone_same: 1 },
    };
  }
  if (a.phone.tail.length === 7 && a.phone.tail === b.phone.tail) {
    return {
      field: 'phone',
      similarity: 0.8,
      finding: explain
        ? `same phone number ending ${a.phone.tail} (country or area code differs or is missing)`
        : '',
      features: { phone_tail_same: 1 },
    };
  }
  const left = a.phone.e164 ?? a.phone.national;
  const right = b.phone.e164 ?? b.phone.national;
  return {
    field: 'phone',
    similarity: 0,
    finding: explain ? `different phones ${left} ≠ ${right}` : '',
    features: { phone_diff: 1 },
  };
};

const compareAddressField = (
  a: PreparedRecord,
  b: PreparedRecord,
  explain: Explain,
): FieldComparison | null => {
  if (
    !a.address ||
    !b.address ||
    a.address.streetTokens.length === 0 ||
    b.address.streetTokens.length === 0
  ) {
    return null;
  }
  const numbersDiffer =
    a.address.number !== null && b.address.number !== null && a.address.number !== b.address.number;
  const numbered = (address: typeof a.address) => `${address.number ?? ''} ${address.street}`.trim();
  if (numbersDiffer) {
    return {
      field: 'address',
      similarity: 0,
      finding: explain
        ? `different street addresses "${numbered(a.address)}" ≠ "${numbered(b.address)}"`
        : '',
      features: { address_diff: 1 },
    };
  }
  const streetSimilarity =
    a.address.street === b.address.street ? 1 : jaroWinkler(a.address.street, b.address.street);
  if (streetSimilarity >= 0.97) {
    return {
      field: 'address',
      similarity: 1,
      finding: explain ? `same street address "${numbered(a.address)}"` : '',
      features: { address_same: 1 },
    };
  }
  if (streetSimilarity >= 0.85) {
    return {
      field: 'address',
      similarity: streetSimilarity,
      finding: explain
        ? `street address "${numbered(a.address)}" ≈ "${numbered(b.address)}" ${round2(streetSimilarity)}`
        : '',
      features: { address_street_close: 1 },
    };
  }
  return {
    field: 'address',
    similarity: streetSimilarity,
    finding: explain ? `different streets "${numbered(a.address)}" ≠ "${numbered(b.address)}"` : '',
    features: { address_diff: 1 },
  };
};

/** "new york" and "new york city", "st louis" and "saint louis": one city name inside the other. */
const citySimilarity = (left: string, right: string): number => {
  if (left === right) return 1;
  const [shorter, longer] = left.length <= right.length ? [left, right] : [right, left];
  if (shorter.length >= 4 && (longer.startsWith(`${shorter} `) || longer.endsWith(` ${shorter}`)))
    return 0.96;
  return jaroWinkler(left, right);
};

const compareExact = (
  field: 'zip' | 'city',
  left: string | null,
  right: string | null,
  same: FeatureName,
  differ: FeatureName,
  explain: Explain,
): FieldComparison | null => {
  if (!left || !right) return null;
  const similarity = left === right ? 1 : field === 'city' ? citySimilarity(left, right) : 0;
  if (similarity >= 0.95) {
    return { field, similarity, finding: explain ? `same ${field} ${left}` : '', features: { [same]: 1 } };
  }
  return {
    field,
    similarity,
    finding: explain ? `different ${field === 'zip' ? 'zips' : 'cities'} ${left} ≠ ${right}` : '',
    features: { [differ]: 1 },
  };
};

const compareEmailField = (
  a: PreparedRecord,
  b: PreparedRecord,
  explain: Explain,
): FieldComparison | null => {
  if (!a.email || !b.email || a.email !== b.email) return null;
  return {
    field: 'email',
    similarity: 1,
    finding: explain ? `same e-mail address ${a.email}` : '',
    features: { email_same: 1 },
  };
};

/**
 * Compare every field both records have. A field either record lacks gives no comparison. Phone and
 * web domain are the two identifiers an organisation controls; when both are present and both
 * differ, that counts against a match beyond each disagreement alone.
 */
export const compareFields = (
  a: PreparedRecord,
  b: PreparedRecord,
  rarity: TokenRarity,
  options: { explain?: boolean } = {},
): FieldComparison[] => {
  const explain = options.explain !== false;
  const comparisons: FieldComparison[] = [];
  const name = compareNameField(a, b, rarity, explain);
  if (name) comparisons.push(name);
  const domain = compareDomainField(a, b, explain);
  if (domain) comparisons.push(domain);
  const email = compareEmailField(a, b, explain);
  if (email) comparisons.push(email);
  const phone = comparePhoneField(a, b, explain);
  if (phone) {
    if (phone.features.phone_diff && domain?.features.domain_diff) {
      phone.features.phone_and_domain_diff = 1;
      if (explain) phone.finding += ' (and different domains)';
    }
    comparisons.push(phone);
  }
  const address = compareAddressField(a, b, explain);
  if (address) comparisons.push(address);
  const zip = compareExact('zip', a.zip, b.zip, 'zip_same', 'zip_diff', explain);
  if (zip) comparisons.push(zip);
  const city = compareExact('city', a.city, b.city, 'city_same', 'city_diff', explain);
  if (city) comparisons.push(city);
  return comparisons;
};
