import { foldText, wordTokens } from './text.js';

/** Street words in their postal abbreviation (USPS Pub. 28 style, plus common European forms). */
const STREET_WORDS: Record<string, string> = {
  street: 'st',
  str: 'st',
  strasse: 'st',
  straat: 'st',
  avenue: 'ave',
  av: 'ave',
  avda: 'ave',
  avenida: 'ave',
  boulevard: 'blvd',
  boul: 'blvd',
  blv: 'blvd',
  bd: 'blvd',
  road: 'rd',
  drive: 'dr',
  lane: 'ln',
  court: 'ct',
  place: 'pl',
  plaza: 'plz',
  square: 'sq',
  parkway: 'pkwy',
  pkway: 'pkwy',
  highway: 'hwy',
  terrace: 'ter',
  circle: 'cir',
  way: 'wy',
  suite: 'ste',
  floor: 'fl',
  building: 'bldg',
  apartment: 'apt',
  room: 'rm',
  north: 'n',
  south: 's',
  east: 'e',
  west: 'w',
  northeast: 'ne',
  northwest: 'nw',
  southeast: 'se',
  southwest: 'sw',
  mount: 'mt',
  saint: 'st',
  fort: 'ft',
  first: '1st',
  second: '2nd',
  third: '3rd',
  fourth: '4th',
  fifth: '5th',
  sixth: '6th',
  seventh: '7th',
  eighth: '8th',
  ninth: '9th',
  tenth: '10th',
  center: 'ctr',
  centre: 'ctr',
  expressway: 'expy',
  freeway: 'fwy',
  alley: 'aly',
  crossing: 'xing',
  heights: 'hts',
  point: 'pt',
  weg: 'wg',
  laan: 'ln',
  gracht: 'gr',
  platz: 'pl',
  rue: 'r',
  via: 'v',
};

/** Words that mark a unit within a building: what follows is not part of the street. */
const UNIT_WORDS = new Set(['ste', 'fl', 'apt', 'rm', 'unit', 'bldg', 'no', 'nr', 'po', 'box']);

export type NormalisedAddress = {
  /** The first house number, e.g. "435" in "435 S. La Cienega Blvd., Suite 3". */
  number: string | null;
  /** Street tokens without the number and the unit, abbreviated: ["s", "la", "cienega", "blvd"]. */
  streetTokens: string[];
  /** `streetTokens` joined by a space. */
  street: string;
  /** The unit or suite, when given ("ste 3"). */
  unit: string | null;
};

/** Basic street normalisation: number, street words abbreviated, units set apart, German "Str." joined. */
export const normaliseAddress = (raw: string | null | undefined): NormalisedAddress | null => {
  if (!raw) return null;
  // "Hauptstraße 5" and "Hauptstr. 5": split the glued street word off so it normalises too.
  const folded = foldText(raw)
    .replace(/(\p{L}{3,})(strasse|str\.|straat)(?=\s|\d|$|,)/gu, '$1 $2')
    .replace(/#\s*(\d)/g, ' ste $1');
  const tokens = wordTokens(folded).map((token) => STREET_WORDS[token] ?? token);
  if (tokens.length === 0) return null;
  let number: string | null = null;
  const streetTokens: string[] = [];
  let unit: string | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    if (UNIT_WORDS.has(token)) {
      unit = tokens.slice(i, i + 2).join(' ');
      i++;
      continue;
    }
    if (number === null && /^\d+[a-z]?$/.test(token)) {
      number = token;
      continue;
    }
    streetTokens.push(token);
  }
  return { number, streetTokens, street: streetTokens.join(' '), unit };
};

/** Postcodes compared without spaces and case; a US ZIP+4 keeps its five-digit part. */
export const normaliseZip = (raw: string | null | undefined): string | null => {
  if (!raw) return null;
  const compact = foldText(raw).replace(/[^a-z0-9]/g, '');
  if (!compact) return null;
  if (/^\d{9}$/.test(compact)) return compact.slice(0, 5);
  return compact;
};

/** Cities compared folded, with "St." for "Saint" and without punctuation. */
export const normaliseCity = (raw: string | null | undefined): string | null => {
  if (!raw) return null;
  const tokens = wordTokens(foldText(raw)).map((token) =>
    token === 'saint' || token === 'sankt' ? 'st' : token,
  );
  return tokens.length ? tokens.join(' ') : null;
};
