import { parse } from 'tldts';
import { calendarDateSchema } from '../domain/index.js';

/**
 * Plausibility checks for what a partner types when registering a deal, one field at a time. Each
 * returns why the value is refused, or null when it is plausible. They are deliberately lenient
 * about style (case, `https://`, a trailing dot, punctuation in phone numbers) and strict about
 * values that cannot name a customer (blank, an IP address, `localhost`, `@@@`).
 */

/** Top-level labels that only ever name the caller's own machine or network, never a customer. */
const LOCAL_TOP_LEVEL = new Set(['localhost', 'local', 'localdomain', 'internal']);
/** A top-level label: letters (any script) or an IDN in punycode; never all digits. */
const TOP_LEVEL_LABEL = /^(?:\p{L}{2,63}|xn--[a-z0-9-]{2,59})$/u;
const WHITESPACE_OR_CONTROL = /[\s\p{Cc}]/u;

export const customerNameProblem = (name: string): string | null => {
  const trimmed = name.trim();
  if (!trimmed) return 'must not be blank';
  if (!/[\p{L}\p{N}]/u.test(trimmed)) return 'must contain a letter or a digit';
  return null;
};

/** The hostname part of a domain, website or URL as a partner might paste it, without the check. */
const hostnameProblem = (host: string): string | null => {
  const parsed = parse(host, { allowPrivateDomains: false, validHosts: [] });
  if (parsed.isIp) return 'is an IP address, not a domain';
  if (!parsed.hostname) return 'is not a domain name';
  const labels = parsed.hostname.replace(/\.$/, '').split('.');
  const topLevel = labels.at(-1) ?? '';
  if (LOCAL_TOP_LEVEL.has(topLevel)) return 'names a local network, not a customer';
  // tldts knows the public suffixes; an unknown top level (the sandbox's `.example`) is taken as
  // one, so a registrable domain needs at least two labels and an alphabetic top level.
  if (!parsed.domain || labels.length < 2) return 'has no registrable domain (e.g. acme.com)';
  if (!TOP_LEVEL_LABEL.test(topLevel)) return 'does not end in an alphabetic top-level domain';
  return null;
};

/** A customer's domain: "acme.com", "www.acme.co.uk" or "https://acme.com/about" are fine. */
export const customerDomainProblem = (domain: string): string | null => {
  const trimmed = domain.trim().toLowerCase();
  if (!trimmed) return 'must not be blank';
  if (WHITESPACE_OR_CONTROL.test(trimmed)) return 'must not contain spaces';
  if (trimmed.includes('@')) return 'is an e-mail address; send it as customer.email';
  const url = /^[a-z][a-z0-9+.-]*:\/\//.test(trimmed) ? trimmed : `http://${trimmed}`;
  return hostnameProblem(url);
};

/** A plausible e-mail address: a mailbox, one @, and a registrable domain. */
export const emailProblem = (email: string): string | null => {
  const trimmed = email.trim();
  if (!trimmed) return 'must not be blank';
  if (WHITESPACE_OR_CONTROL.test(trimmed)) return 'must not contain spaces';
  const at = trimmed.lastIndexOf('@');
  const mailbox = trimmed.slice(0, Math.max(at, 0));
  const host = trimmed.slice(at + 1);
  if (at < 0 || !mailbox || !host || mailbox.includes('@'))
    return 'is not an e-mail address (name@company.com)';
  if (mailbox.length > 64) return 'has a mailbox longer than 64 characters';
  if (!/^[\p{L}\p{N}.-]+$/u.test(host)) return 'is not an e-mail address (name@company.com)';
  const problem = hostnameProblem(host.toLowerCase());
  return problem ? `has a domain that ${problem}` : null;
};

/** A phone number in any local style; it needs at least a few digits. */
export const phoneProblem = (phone: string): string | null => {
  const trimmed = phone.trim();
  if (!trimmed) return 'must not be blank';
  if ((trimmed.match(/\p{Nd}/gu) ?? []).length < 3) return 'must contain at least three digits';
  if (!/^[\p{L}\p{Nd}\s+().,;\-/#*]+$/u.test(trimmed)) return 'contains characters a phone number does not';
  return null;
};

const shiftYears = (isoDate: string, years: number): string => {
  const year = Number(isoDate.slice(0, 4)) + years;
  return `${String(year).padStart(4, '0')}${isoDate.slice(4)}`;
};

/** How far from the submission an expected close date may lie. */
export const CLOSE_DATE_WINDOW = { yearsBefore: 1, yearsAfter: 10 } as const;

/**
 * An expected close date (YYYY-MM-DD) between a year before and ten years after the day the
 * registration is submitted (`now`, in UTC), both ends included.
 */
export const closeDateProblem = (date: string, now: Date): string | null => {
  if (!calendarDateSchema.safeParse(date).success) return 'must be a calendar date (YYYY-MM-DD)';
  const today = now.toISOString().slice(0, 10);
  // Same-format ISO dates compare as strings; a shifted 29 February still orders correctly.
  const earliest = shiftYears(today, -CLOSE_DATE_WINDOW.yearsBefore);
  const latest = shiftYears(today, CLOSE_DATE_WINDOW.yearsAfter);
  if (date < earliest) return `must not be before ${earliest} (a year before the submission)`;
  if (date > latest) return `must not be after ${latest} (ten years after the submission)`;
  return null;
};
