import type { Random } from '../random/index.js';
import type { MatchRecord } from './record.js';

/**
 * Deterministic synthetic organisations with labelled duplicates, for fitting the weights of the
 * fields the public dev sets lack (domain, phone, address), for blocking-recall checks and for
 * benchmarks. Duplicates carry the variations CRM data shows: legal forms, abbreviations, typos,
 * reformatted phones, suites, free-mail contacts and missing fields. Hard non-matches are included
 * on purpose: sister companies sharing a brand word, and unrelated tenants of one office building.
 */
export type SyntheticRecord = MatchRecord & { entity: string };

const SYLLABLES = [
  'ac',
  'me',
  'vor',
  'tex',
  'lin',
  'qua',
  'ro',
  'zen',
  'ka',
  'del',
  'mar',
  'pol',
  'tri',
  'nu',
  'sol',
  'ver',
  'ax',
  'io',
  'bri',
  'gal',
  'hel',
  'ion',
  'jo',
  'kel',
  'lum',
  'mo',
  'nor',
  'or',
  'pra',
  'rix',
  'sa',
  'tor',
  'ul',
  'va',
  'wex',
  'yl',
  'zo',
  'fer',
  'dyn',
  'cor',
  'bel',
  'an',
  'ti',
  'ex',
  'on',
  'ar',
  'is',
  'el',
];
const GENERIC = [
  'Systems',
  'Technologies',
  'Solutions',
  'Group',
  'Holdings',
  'Industries',
  'Consulting',
  'Services',
  'Logistics',
  'Partners',
  'Labs',
  'Software',
  'Manufacturing',
  'Capital',
  'Health',
  'Energy',
  'Foods',
  'Media',
];
const LEGAL = [
  'Inc',
  'Inc.',
  'LLC',
  'Ltd',
  'Limited',
  'Corp',
  'Corporation',
  'GmbH',
  'AG',
  'B.V.',
  'N.V.',
  'S.A.',
  'S.p.A.',
  'Oy',
  'AB',
  'Pty Ltd',
  'K.K.',
  'PLC',
  'Co.',
  '',
];
const STREETS = [
  'Main',
  'Oak',
  'Market',
  'Mission',
  'Broadway',
  'Elm',
  'Lake',
  'Park',
  'Hill',
  'Washington',
  'King',
  'Queen',
  'Station',
  'Church',
  'Mill',
  'River',
  'Cedar',
  'Pine',
  'Maple',
  'Harbor',
  'Sunset',
  'Wilshire',
  'Ventura',
];
const STREET_TYPES: [string, string][] = [
  ['Street', 'St.'],
  ['Avenue', 'Ave'],
  ['Boulevard', 'Blvd.'],
  ['Road', 'Rd'],
  ['Drive', 'Dr.'],
  ['Lane', 'Ln'],
];
const CITIES = [
  'San Francisco',
  'Chicago',
  'New York',
  'Los Angeles',
  'Boston',
  'Seattle',
  'Austin',
  'Denver',
  'Atlanta',
  'Portland',
  'Miami',
  'Dallas',
];
const FREE_MAIL = ['gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'aol.com'];
const TLDS = ['com', 'com', 'com', 'io', 'net', 'co.uk', 'de', 'nl'];

const capitalise = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

const typo = (random: Random, text: string): string => {
  if (text.length < 4) return text;
  const at = random.int(1, text.length - 2);
  switch (random.int(0, 2)) {
    case 0:
      return text.slice(0, at) + text.slice(at + 1);
    case 1:
      return text.slice(0, at) + text[at + 1] + text[at] + text.slice(at + 2);
    default:
      return text.slice(0, at) + text[at] + text.slice(at);
  }
};

type Base = {
  brand: string;
  generic: string;
  legal: string;
  number: number;
  street: string;
  streetType: [string, string];
  city: string;
  zip: string;
  area: number;
  line: number;
  domain: string;
};

const makeBase = (random: Random, brand?: string): Base => {
  const word =
    brand ?? capitalise(Array.from({ length: random.int(2, 3) }, () => random.pick(SYLLABLES)).join(''));
  const generic = random.chance(0.7) ? random.pick(GENERIC) : '';
  return {
    brand: word,
    generic,
    legal: random.pick(LEGAL),
    number: random.int(1, 9999),
    street: random.pick(STREETS),
    streetType: random.pick(STREET_TYPES),
    city: random.pick(CITIES),
    zip: String(random.int(10000, 99999)),
    area: random.int(201, 989),
    line: random.int(2000000, 9999999),
    domain: `${word.toLowerCase()}${generic && random.chance(0.3) ? generic.toLowerCase() : ''}.${random.pick(TLDS)}`,
  };
};

const phoneText = (random: Random, area: number, line: number): string => {
  const l = String(line);
  const formats = [
    `(${area}) ${l.slice(0, 3)}-${l.slice(3)}`,
    `${area}-${l.slice(0, 3)}-${l.slice(3)}`,
    `+1 ${area} ${l.slice(0, 3)} ${l.slice(3)}`,
    `${area}/${l.slice(0, 3)}-${l.slice(3)}`,
    `${area}.${l.slice(0, 3)}.${l.slice(3)}`,
  ];
  return random.pick(formats);
};

const render = (
  random: Random,
  base: Base,
  entity: string,
  id: string,
  variant: boolean,
): SyntheticRecord => {
  let name = [base.brand, base.generic, base.legal].filter(Boolean).join(' ');
  if (variant) {
    if (random.chance(0.3)) name = [base.brand, base.generic, random.pick(LEGAL)].filter(Boolean).join(' ');
    if (random.chance(0.15) && base.generic) name = [base.brand, base.legal].filter(Boolean).join(' ');
    if (random.chance(0.2)) name = typo(random, name);
    if (random.chance(0.3)) name = name.toUpperCase();
    if (random.chance(0.1)) name = name.replace('Technologies', 'Tech').replace('International', 'Intl');
    if (random.chance(0.15))
      name = `${name} ${random.pick(['of', '-', '(', ''])} ${base.city}`.replace('( ', '(');
    if (random.chance(0.1)) name = `The ${name}`;
    if (random.chance(0.15)) name = typo(random, typo(random, name));
    // Renamed, acquired or trading under another name: only the other fields can tell.
    if (random.chance(0.08)) name = [makeBase(random).brand, random.pick(GENERIC)].join(' ');
  }
  const [long, short] = base.streetType;
  let address = `${base.number} ${base.street} ${variant && random.chance(0.5) ? short : long}`;
  if (variant && random.chance(0.2)) address += `, Suite ${random.int(1, 900)}`;
  if (variant && random.chance(0.1)) address = typo(random, address);
  const email = random.chance(0.15)
    ? `${random.pick(['info', 'sales', 'jo', 'ana'])}${random.int(1, 99)}@${random.pick(FREE_MAIL)}`
    : `${random.pick(['info', 'sales', 'contact', 'j.smith'])}@${base.domain}`;
  const drop = (p: number) => variant && random.chance(p);
  return {
    id,
    entity,
    name,
    website: drop(0.4) ? null : random.chance(0.5) ? `https://www.${base.domain}/` : base.domain,
    email: drop(0.5) ? null : email,
    // A second line (another office or department) is common on real duplicates.
    phone: drop(0.3)
      ? null
      : phoneText(
          random,
          base.area,
          variant && random.chance(0.15) ? base.line + random.int(1, 50) : base.line,
        ),
    address: drop(0.3) ? null : address,
    city: drop(0.2) ? null : base.city,
    zip: drop(0.4) ? null : base.zip,
    country: 'US',
  };
};

export type SyntheticOptions = {
  entities: number;
  /** Share of entities that get one or more duplicate records. */
  duplicateRate?: number;
  /** Share of entities that are a sister company of the previous one (same brand word). */
  siblingRate?: number;
  /** Share of entities that share the previous one's street address (same office building). */
  coTenantRate?: number;
};

export const generateOrganisations = (random: Random, options: SyntheticOptions): SyntheticRecord[] => {
  const records: SyntheticRecord[] = [];
  let previous: Base | null = null;
  for (let e = 0; e < options.entities; e++) {
    const entity = `e${e}`;
    let base = makeBase(random);
    if (previous && random.chance(options.siblingRate ?? 0.1)) {
      base = makeBase(random, previous.brand);
      base.generic = random.pick(GENERIC.filter((g) => g !== previous?.generic));
      base.city = previous.city;
      base.area = previous.area;
    } else if (previous && random.chance(options.coTenantRate ?? 0.05)) {
      Object.assign(base, {
        number: previous.number,
        street: previous.street,
        streetType: previous.streetType,
        city: previous.city,
        zip: previous.zip,
        area: previous.area,
      });
    }
    records.push(render(random, base, entity, `${entity}-0`, false));
    if (random.chance(options.duplicateRate ?? 0.3)) {
      const copies = random.chance(0.2) ? random.int(2, 4) : 1;
      for (let c = 1; c <= copies; c++) records.push(render(random, base, entity, `${entity}-${c}`, true));
    }
    previous = base;
  }
  return records;
};
