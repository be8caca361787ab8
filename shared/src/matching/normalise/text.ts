/**
 * Text folding shared by every normaliser: CRM data mixes scripts, accents and typographic
 * punctuation, and "Nestlé" must meet "NESTLE".
 */
const SPECIAL_LETTERS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/** Printable ASCII has nothing to decompose or map: most CRM values, and a million of them at import. */
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

/** Lower-case, strip diacritics and map letters that NFKD does not decompose. */
export const foldText = (value: string): string =>
  PLAIN_ASCII.test(value) ? value.toLowerCase() : foldUnicode(value);

const foldUnicode = (value: string): string =>
  value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (letter) => SPECIAL_LETTERS[letter] ?? letter);

/** Split folded text into alphanumeric tokens; every other character separates. */
export const wordTokens = (folded: string): string[] => folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** Collapse whitespace and trim: for display strings kept in reasons. */
export const tidy = (value: string): string => value.replace(/\s+/g, ' ').trim();
