import { getDomain } from 'tldts';
import { foldText } from './text.js';

/**
 * Reduce a domain, URL or website field to its registrable domain with the public-suffix list:
 * "https://www.shop.acme.co.uk/about" → "acme.co.uk". Returns null when nothing registrable is left
 * (an IP address, "localhost", a bare suffix or noise such as "n/a").
 */
export const registrableDomain = (raw: string | null | undefined): string | null => {
  if (!raw) return null;
  let value = foldText(raw).trim();
  if (!value) return null;
  // An e-mail address pasted into a website field still names the company's domain.
  const at = value.lastIndexOf('@');
  if (at >= 0) value = value.slice(at + 1);
  if (!/^[a-z][a-z0-9+.-]*:\/\//.test(value)) value = `http://${value.replace(/^\/+/, '')}`;
  const domain = getDomain(value, { allowPrivateDomains: false, validHosts: [] });
  return domain ? domain.replace(/\.$/, '') : null;
};

/** The label before the public suffix: "acme" for "acme.co.uk"; lets acme.com meet acme.de. */
export const domainLabel = (domain: string): string => {
  const dot = domain.indexOf('.');
  return dot < 0 ? domain : domain.slice(0, dot);
};
