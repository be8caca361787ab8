import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export type NormalisedPhone = {
  /** E.164 when the number parses and is possible for its country, e.g. "+31201234567". */
  e164: string | null;
  /** The last seven digits: survives a missing or wrong country code and "(0)" trunk prefixes. */
  tail: string;
};

/**
 * Normalise a phone number to E.164 with libphonenumber. A number without a country code is read
 * in `defaultCountry`. Extensions are dropped: a switchboard is the company's number either way.
 */
export const normalisePhone = (
  raw: string | null | undefined,
  defaultCountry?: CountryCode,
): NormalisedPhone | null => {
  if (!raw) return null;
  const digits = raw.replace(/\D/g, '');
  if (digits.length < 6) return null;
  const withoutExtension = raw.replace(/\s*(?:ext\.?|extn|x|#)\s*\d+\s*$/i, '');
  const parsed = parsePhoneNumberFromString(withoutExtension, defaultCountry ? { defaultCountry } : {});
  const e164 = parsed && parsed.isPossible() ? parsed.number : null;
  const national = parsed?.nationalNumber ?? withoutExtension.replace(/\D/g, '');
  return { e164, tail: national.slice(-7) };
};
