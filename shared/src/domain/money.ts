import { z } from 'zod';

/**
 * Money is held in integer minor units (cents) with an ISO 4217 currency, so splits and sums are
 * exact. Converting from a decimal string never goes through floating point.
 */
export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code such as USD');
export const minorUnitsSchema = z.number().int().safe();

export const moneySchema = z.object({
  amountMinor: minorUnitsSchema,
  currency: currencySchema,
});
export type Money = z.infer<typeof moneySchema>;

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** "1234.5" -> 123450 (two decimals). Rejects more precision than the currency holds. */
export const parseDecimalToMinor = (text: string, decimals = 2): number => {
  const match = DECIMAL.exec(text.trim());
  if (!match) throw new RangeError(`"${text}" is not a decimal amount`);
  const [, sign, whole = '0', fraction = ''] = match;
  if (fraction.length > decimals && /[1-9]/.test(fraction.slice(decimals))) {
    throw new RangeError(`"${text}" has more than ${decimals} decimal places`);
  }
  const minor = Number(whole) * 10 ** decimals + Number(fraction.slice(0, decimals).padEnd(decimals, '0'));
  if (!Number.isSafeInteger(minor)) throw new RangeError(`"${text}" is too large`);
  return sign ? -minor : minor;
};

/** 123450 -> "1234.50" */
export const formatMinor = (minor: number, decimals = 2): string => {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  if (decimals === 0) return `${sign}${abs}`;
  const scale = 10 ** decimals;
  return `${sign}${Math.floor(abs / scale)}.${String(abs % scale).padStart(decimals, '0')}`;
};
