import { z } from 'zod';
import type { CountryCode } from 'libphonenumber-js';
import { DomainError } from '../errors/index.js';
import {
  normaliseAddress,
  normaliseCity,
  normaliseZip,
  type NormalisedAddress,
} from './normalise/address.js';
import { normaliseCompanyName, type NormalisedCompanyName } from './normalise/companyName.js';
import { registrableDomain } from './normalise/domain.js';
import { companyDomainOfEmail } from './normalise/email.js';
import { countryCodeOf, normalisePhone, type NormalisedPhone } from './normalise/phone.js';

const optionalText = z.string().max(2000).nullish();

/** An account-like record as it arrives: from a CRM account, a registration or a CSV row. */
export const matchRecordSchema = z.object({
  id: z.string().min(1),
  name: z.string().max(1000),
  domain: optionalText,
  /** Further registrable domains the organisation is known by (an account's secondary domains). */
  otherDomains: z.array(z.string().max(300)).nullish(),
  website: optionalText,
  email: optionalText,
  phone: optionalText,
  address: optionalText,
  city: optionalText,
  zip: optionalText,
  country: optionalText,
});
export type MatchRecord = z.infer<typeof matchRecordSchema>;

export type DomainSource = 'domain' | 'website' | 'email';

/** A record normalised once, so that scoring a pair does no parsing. */
export type PreparedRecord = {
  id: string;
  name: NormalisedCompanyName;
  /** Registrable domains with where each came from; free-mail e-mail domains are left out. */
  domains: { domain: string; source: DomainSource }[];
  /** The full e-mail address, lower-cased: people share a mailbox, companies share a domain. */
  email: string | null;
  phone: NormalisedPhone | null;
  address: NormalisedAddress | null;
  city: string | null;
  zip: string | null;
};

export type PrepareOptions = {
  /** Country assumed for phone numbers written without a country code, unless the record names one. */
  defaultCountry?: CountryCode;
};

const addDomain = (domains: PreparedRecord['domains'], domain: string | null, source: DomainSource): void => {
  if (domain && !domains.some((known) => known.domain === domain)) domains.push({ domain, source });
};

const OPTIONAL_TEXT_FIELDS = [
  'domain',
  'website',
  'email',
  'phone',
  'address',
  'city',
  'zip',
  'country',
] as const;

const optionalTextFits = (value: unknown): boolean =>
  value === null || value === undefined || (typeof value === 'string' && value.length <= 2000);

/**
 * The checks of `matchRecordSchema`, written out: a record that passes them is valid, so the schema
 * (which copies the record, and ran a million times building an index) is only consulted for the
 * rest, to accept them or to name what is wrong.
 */
const plainlyValid = (record: MatchRecord): boolean => {
  if (typeof record !== 'object' || record === null) return false;
  if (typeof record.id !== 'string' || record.id.length === 0) return false;
  if (typeof record.name !== 'string' || record.name.length > 1000) return false;
  for (const field of OPTIONAL_TEXT_FIELDS) if (!optionalTextFits(record[field])) return false;
  const others = record.otherDomains;
  if (others === null || others === undefined) return true;
  return Array.isArray(others) && others.every((other) => typeof other === 'string' && other.length <= 300);
};

export const prepareRecord = (record: MatchRecord, options: PrepareOptions = {}): PreparedRecord => {
  const parsed = plainlyValid(record) ? null : matchRecordSchema.safeParse(record);
  if (parsed && !parsed.success) {
    throw new DomainError('MATCH.INVALID_INPUT', `Record ${String(record?.id)} is not a valid match record`, {
      details: parsed.error.issues,
    });
  }
  const domains: PreparedRecord['domains'] = [];
  addDomain(domains, registrableDomain(record.domain), 'domain');
  for (const other of record.otherDomains ?? []) addDomain(domains, registrableDomain(other), 'domain');
  addDomain(domains, registrableDomain(record.website), 'website');
  addDomain(domains, companyDomainOfEmail(record.email), 'email');
  const email = record.email?.trim().toLowerCase() || null;
  return {
    id: record.id,
    name: normaliseCompanyName(record.name),
    domains,
    email: email && email.includes('@') ? email : null,
    phone: normalisePhone(record.phone, countryCodeOf(record.country) ?? options.defaultCountry),
    address: normaliseAddress(record.address),
    city: normaliseCity(record.city),
    zip: normaliseZip(record.zip),
  };
};
