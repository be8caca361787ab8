import freeMailProviders from 'email-providers/all.json' with { type: 'json' };
import { registrableDomain } from './domain.js';

const FREE_MAIL = new Set<string>(freeMailProviders as string[]);

export type EmailDomain = {
  /** The registrable domain after the @, e.g. "acme.com" for "jo@eu.acme.com". */
  domain: string;
  /** True for gmail.com, gmx.de, yahoo.co.jp and the rest of the maintained free-mail list. */
  freeMail: boolean;
};

/** The domain of an e-mail address, or null when it is not an address at all. */
export const emailDomain = (raw: string | null | undefined): EmailDomain | null => {
  if (!raw) return null;
  const value = raw.trim().toLowerCase();
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1) return null;
  const domain = registrableDomain(value.slice(at + 1));
  if (!domain) return null;
  return { domain, freeMail: FREE_MAIL.has(domain) || FREE_MAIL.has(value.slice(at + 1)) };
};

/** The company an e-mail address points to: its domain, unless it is a free-mail provider. */
export const companyDomainOfEmail = (raw: string | null | undefined): string | null => {
  const found = emailDomain(raw);
  return found && !found.freeMail ? found.domain : null;
};

/** The mailbox part, lower-cased, for comparing people's addresses when the domain is free mail. */
export const emailLocalPart = (raw: string | null | undefined): string | null => {
  if (!raw) return null;
  const value = raw.trim().toLowerCase();
  const at = value.lastIndexOf('@');
  return at > 0 ? value.slice(0, at) : null;
};
