import type { PreparedRecord } from './record.js';

/** An identifier two records have in common that no two different organisations should share. */
export type SharedIdentifier = { field: 'domain' | 'phone'; value: string; text: string };

/**
 * The first hard identifier two records share: the same registrable domain (from a website or a
 * company e-mail address; free-mail domains never count, `prepareRecord` leaves them out) or the
 * same phone number in full. Names can differ for many reasons (a trading name, a holding, a
 * typo, a claim made by domain only), so a shared identifier is always worth a reviewer's look,
 * whatever the names say.
 */
export const sharedIdentifier = (a: PreparedRecord, b: PreparedRecord): SharedIdentifier | null => {
  for (const { domain } of a.domains)
    if (b.domains.some((other) => other.domain === domain))
      return {
        field: 'domain',
        value: domain,
        text: `same registrable domain ${domain}, whatever the names say`,
      };
  if (a.phone && b.phone) {
    const same = a.phone.e164 !== null && a.phone.e164 === b.phone.e164 ? a.phone.e164 : null;
    const national =
      a.phone.national.length >= 7 && a.phone.national === b.phone.national ? a.phone.national : null;
    const value = same ?? national;
    if (value) return { field: 'phone', value, text: `same phone number ${value}, whatever the names say` };
  }
  return null;
};
