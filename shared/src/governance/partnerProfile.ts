import { registrableDomain } from '../matching/normalise/domain.js';
import { foldText } from '../matching/normalise/text.js';
import { customerDomainProblem, customerNameProblem, emailProblem } from './intakeChecks.js';

/**
 * What an admin or partner manager records about a partner when adding it, and the rules that
 * keep the program's list clean: every domain is a registrable domain, every contact has a
 * plausible e-mail address, and no two partners share a name or a domain.
 */

/** A person at the partner: who to talk to about what ("Alliance lead", "Billing", ...). */
export type PartnerContact = { name: string; email: string; role: string };

export type PartnerProfileFields = {
  name?: string;
  domains?: readonly string[];
  contacts?: readonly PartnerContact[];
};

export type PartnerFieldProblem = { path: string; message: string };

/** Why a partner's domain is refused, or null: "acme.com", "www.acme.co.uk", "https://acme.com/". */
export const partnerDomainProblem = (domain: string): string | null => {
  if (domain.includes('@')) return 'is an e-mail address, not a domain';
  return customerDomainProblem(domain);
};

/** The registrable domain a partner is known by: "https://www.shop.acme.co.uk/" → "acme.co.uk". */
export const partnerDomainKey = (domain: string): string | null => registrableDomain(domain);

/** Names compare without case, accents or runs of spaces: "Acme  Consulting" is "ACME Consulting". */
export const partnerNameKey = (name: string): string =>
  foldText(name.normalize('NFKC')).replace(/\s+/gu, ' ').trim();

/** Every problem in the given fields, by path (`domains.1`, `contacts.0.email`); empty when fine. */
export const partnerProfileProblems = (fields: PartnerProfileFields): PartnerFieldProblem[] => {
  const problems: PartnerFieldProblem[] = [];
  const check = (path: string, value: string, problemOf: (value: string) => string | null) => {
    const problem = problemOf(value);
    if (problem) problems.push({ path, message: `${path} ${problem}` });
  };
  if (fields.name !== undefined) check('name', fields.name, customerNameProblem);
  fields.domains?.forEach((domain, index) => {
    const path = `domains.${index}`;
    const problem = partnerDomainProblem(domain);
    if (problem) problems.push({ path, message: `${path} ${problem}` });
    else if (!partnerDomainKey(domain))
      problems.push({ path, message: `${path} has no registrable domain (e.g. acme.com)` });
  });
  fields.contacts?.forEach((contact, index) => {
    check(`contacts.${index}.name`, contact.name, customerNameProblem);
    check(`contacts.${index}.email`, contact.email, emailProblem);
    check(`contacts.${index}.role`, contact.role, (role) => (role.trim() ? null : 'must not be blank'));
  });
  return problems;
};

/** The partner's domains as stored: registrable, lower case, each once, in the order given. */
export const normalisePartnerDomains = (domains: readonly string[]): string[] => [
  ...new Set(domains.map((domain) => partnerDomainKey(domain)).filter((d): d is string => d !== null)),
];

export type PartnerIdentity = { id: string; name: string; domains: readonly string[] };
export type PartnerDuplicate = { field: 'name' | 'domain'; value: string; partnerId: string };

/**
 * The existing partners the candidate would duplicate: the same name (see `partnerNameKey`) or a
 * shared registrable domain. The candidate itself (same id, when editing) is not a duplicate.
 */
export const partnerDuplicates = (
  candidate: PartnerIdentity,
  existing: readonly PartnerIdentity[],
): PartnerDuplicate[] => {
  const name = partnerNameKey(candidate.name);
  const domains = new Set(normalisePartnerDomains(candidate.domains));
  const found: PartnerDuplicate[] = [];
  for (const other of existing) {
    if (other.id === candidate.id) continue;
    if (partnerNameKey(other.name) === name)
      found.push({ field: 'name', value: candidate.name, partnerId: other.id });
    for (const domain of normalisePartnerDomains(other.domains))
      if (domains.has(domain)) found.push({ field: 'domain', value: domain, partnerId: other.id });
  }
  return found;
};
