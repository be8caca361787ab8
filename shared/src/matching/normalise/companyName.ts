import { foldText, tidy, wordTokens } from './text.js';

/**
 * Legal forms that never form part of a trading name, so they can be dropped wherever they occur.
 * Written after dotted initials are joined: "N.V." → "nv", "S.p.A." → "spa", "K.K." → "kk".
 */
const LEGAL_FORMS_ANYWHERE = new Set([
  'inc',
  'incorporated',
  'llc',
  'llp',
  'lllp',
  'plc',
  'ltd',
  'ltda',
  'gmbh',
  'mbh',
  'kgaa',
  'ohg',
  'nv',
  'bv',
  'bvba',
  'vzw',
  'spa',
  'srl',
  'sarl',
  'sas',
  'sprl',
  'oyj',
  'pty',
  'kk',
  'pte',
  'bhd',
  'sdn',
  'sro',
  'kft',
  'zrt',
  'doo',
  'aps',
  'asa',
  'sca',
  'scs',
  'sapi',
  'eireli',
  'gk',
  'yk',
  'pvt',
  'pllc',
  'lp',
  'ulc',
  'cvba',
  'ug',
  'eurl',
]);

/** Legal forms that are also ordinary words or initials ("AB Volvo", "AS Roma"): only dropped at either end. */
const LEGAL_FORMS_AT_ENDS = new Set([
  'ab',
  'ag',
  'as',
  'sa',
  'se',
  'kg',
  'oy',
  'cv',
  'sl',
  'co',
  'corp',
  'corporation',
  'company',
  'limited',
  'cie',
  'vof',
  'cooperative',
  'coop',
  'ev',
  'ou',
  'spol',
  'sp',
  'zoo',
  'ltee',
  'ky',
  'aktiengesellschaft',
  'maatschappij',
]);

/** Common abbreviations written out, so "Intl Mfg" meets "International Manufacturing". */
const ABBREVIATIONS: Record<string, string> = {
  intl: 'international',
  int: 'international',
  internat: 'international',
  tech: 'technology',
  techn: 'technology',
  technologies: 'technology',
  technol: 'technology',
  mfg: 'manufacturing',
  mfrs: 'manufacturers',
  mfr: 'manufacturer',
  sys: 'systems',
  svc: 'services',
  svcs: 'services',
  serv: 'services',
  service: 'services',
  assoc: 'associates',
  assn: 'association',
  bros: 'brothers',
  natl: 'national',
  nat: 'national',
  mgmt: 'management',
  mgt: 'management',
  grp: 'group',
  hldgs: 'holdings',
  hldg: 'holding',
  holding: 'holdings',
  ind: 'industries',
  inds: 'industries',
  industry: 'industries',
  labs: 'laboratories',
  lab: 'laboratory',
  univ: 'university',
  inst: 'institute',
  ctr: 'center',
  centre: 'center',
  dept: 'department',
  elec: 'electronics',
  electronic: 'electronics',
  eng: 'engineering',
  engg: 'engineering',
  chem: 'chemical',
  chemicals: 'chemical',
  pharm: 'pharmaceuticals',
  pharma: 'pharmaceuticals',
  pharmaceutical: 'pharmaceuticals',
  dev: 'development',
  devel: 'development',
  dist: 'distribution',
  distr: 'distribution',
  ins: 'insurance',
  invest: 'investments',
  inv: 'investments',
  solns: 'solutions',
  sol: 'solutions',
  prod: 'products',
  prods: 'products',
  comm: 'communications',
  comms: 'communications',
  telecom: 'telecommunications',
  med: 'medical',
  amer: 'america',
  internationale: 'international',
  internationaal: 'international',
  europ: 'europe',
  ned: 'nederland',
  nederlandse: 'nederland',
  kon: 'koninklijke',
  mij: 'maatschappij',
};

/** Words that add little identity: "Systems" or "Group" say less than "Acme". Rarity statistics refine this. */
export const GENERIC_NAME_WORDS = new Set([
  'the',
  'and',
  'of',
  'for',
  'international',
  'global',
  'group',
  'holdings',
  'technology',
  'systems',
  'solutions',
  'services',
  'industries',
  'enterprises',
  'products',
  'manufacturing',
  'trading',
  'partners',
  'associates',
  'consulting',
  'management',
  'national',
  'research',
  'development',
  'company',
  'koninklijke',
  'royal',
  'europe',
  'european',
  'america',
  'american',
  'nederland',
  'netherlands',
  'holland',
  'deutschland',
  'france',
  'uk',
  'usa',
  'us',
  'asia',
  'pacific',
  'north',
  'south',
  'east',
  'west',
  'new',
  'general',
  'united',
  'electronics',
  'engineering',
  'software',
  'network',
  'networks',
  'digital',
  'media',
  'capital',
  'financial',
  'health',
  'healthcare',
  'medical',
  'center',
  'institute',
  'laboratories',
  'laboratory',
  'chemical',
  'pharmaceuticals',
  'communications',
  'energy',
  'data',
  'labs',
  'design',
  'marketing',
  'restaurant',
  'cafe',
  'bar',
  'grill',
  'inc',
  'de',
  'la',
  'le',
  'van',
  'der',
  'en',
  'et',
  'und',
  'di',
  'del',
  'des',
  'du',
  'von',
  'maatschappij',
  'research',
  'patent',
  'ip',
  'assets',
]);

/** Leading articles and markers that some CRMs and registries prepend ("* ", "The", "c/o"). */
const LEADING_NOISE = new Set(['the', 'a', 'an', 'co', 'c', 'o', 'attn', 'dba', 'aka', 'fka']);

export type NormalisedCompanyName = {
  /** The name as given, trimmed; kept for reasons. */
  display: string;
  /** Identity tokens in order: folded, legal forms and noise removed, abbreviations written out. */
  tokens: string[];
  /** `tokens` joined by one space: the comparison key. */
  key: string;
  /** `tokens` joined without spaces, so "Micro Soft" meets "Microsoft" and "Maats-chappij" meets its whole. */
  squashed: string;
  /** Legal forms found, e.g. ["nv"]; they explain but do not decide a match. */
  legalForms: string[];
};

/** Join runs of single letters: "n v" → "nv", "i b m" → "ibm" (dotted initials and legal forms). */
const joinInitials = (tokens: string[]): string[] => {
  const joined: string[] = [];
  let run = '';
  for (const token of tokens) {
    if (token.length === 1 && /\p{L}/u.test(token)) {
      run += token;
      continue;
    }
    if (run) joined.push(run);
    run = '';
    joined.push(token);
  }
  if (run) joined.push(run);
  return joined;
};

const stripLegalForms = (tokens: string[], legalForms: string[]): string[] => {
  let kept = tokens.filter((token) => {
    if (!LEGAL_FORMS_ANYWHERE.has(token)) return true;
    legalForms.push(token);
    return false;
  });
  // Only strip at the ends while something would remain; "Company" alone is still a name.
  while (kept.length > 1 && LEGAL_FORMS_AT_ENDS.has(kept[kept.length - 1] as string)) {
    legalForms.push(kept.pop() as string);
    if (kept.length > 1 && kept[kept.length - 1] === 'and') kept.pop();
  }
  while (kept.length > 1 && LEGAL_FORMS_AT_ENDS.has(kept[0] as string))
    legalForms.push(kept.shift() as string);
  kept = kept.filter((token, index) => !(token === 'and' && (index === 0 || index === kept.length - 1)));
  return kept;
};

/**
 * Reduce a company name to its identity: "* KONINKLIJKE PHILIPS ELECTRONICS N.V." and
 * "Koninklijke Philips Electronics NV" give the same key.
 */
export const normaliseCompanyName = (raw: string): NormalisedCompanyName => {
  const display = tidy(raw.replace(/^[\s*#+•·-]+/, ''));
  const folded = foldText(display)
    // Apostrophes join ("Philips'" → "philips", "Int'l" → "intl"), ampersands read as "and".
    .replace(/['’`´]/g, '')
    .replace(/\s*[&+]\s*/g, ' and ')
    // Parenthesised country or branch markers are kept as tokens; other brackets just separate.
    .replace(/[()[\]{}]/g, ' ');
  const legalForms: string[] = [];
  let tokens = joinInitials(wordTokens(folded)).map((token) => ABBREVIATIONS[token] ?? token);
  while (tokens.length > 1 && LEADING_NOISE.has(tokens[0] as string)) tokens = tokens.slice(1);
  // ", The" at the end is a library-catalogue habit.
  if (tokens.length > 1 && tokens[tokens.length - 1] === 'the') tokens = tokens.slice(0, -1);
  tokens = stripLegalForms(tokens, legalForms);
  return { display, tokens, key: tokens.join(' '), squashed: tokens.join(''), legalForms };
};

/** Initials of the identity tokens, for acronym matches such as "IBM" ↔ "International Business Machines". */
export const acronymOf = (name: NormalisedCompanyName): string =>
  name.tokens
    .filter((token) => token !== 'and' && token !== 'of')
    .map((token) => token[0])
    .join('');
