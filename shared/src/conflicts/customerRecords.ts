import type { Account, Registration } from '../domain/index.js';
import type { MatchRecord } from '../matching/index.js';

/** The account as the matcher sees it: name, every known domain, phone and postal address. */
export const accountToMatchRecord = (account: Account): MatchRecord => ({
  id: account.id,
  name: account.name,
  domain: account.domains[0] ?? null,
  otherDomains: account.domains.slice(1),
  phone: account.phone,
  address: account.address?.street ?? null,
  city: account.address?.city ?? null,
  zip: account.address?.zip ?? null,
  country: account.address?.country ?? null,
});

/** What the partner told us about the customer; a domain-only registration is named by its domain. */
export const registrationToMatchRecord = (registration: Registration): MatchRecord => ({
  id: registration.id,
  name: registration.customer.name ?? registration.customer.domain ?? '',
  domain: registration.customer.domain ?? null,
  email: registration.customer.email ?? null,
  phone: registration.customer.phone ?? null,
  city: registration.customer.city ?? null,
  country: registration.customer.country ?? null,
});
