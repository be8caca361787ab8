import type { Random } from '../random/index.js';
import type { SyntheticRecord } from './synthetic.js';

/**
 * Deterministic synthetic business listings as two guides print them: the same restaurant, shop or
 * office appears in both with a differently written name, address, city and phone format. Used to
 * fit and check the weights of phone and address agreement, which the public dev sets cannot teach.
 *
 * The corruptions are the ones guides show: "&" for "and", a dropped "The" or "Restaurant", "Deli"
 * for "Delicatessen", a "(City)" branch suffix, typos, St/Street and Blvd./Blv., "S." for "South",
 * a district for the city ("Hollywood" for "Los Angeles"), "415/555-1234" against "415-555-1234",
 * missing fields, and now and then a changed phone number. Hard non-matches are included: branches
 * of a chain (same name, other address and phone), neighbours in one building, and look-alike names.
 */
const FIRST_NAMES = [
  'Arnie',
  'Art',
  'Bruno',
  'Carlo',
  'Dante',
  'Elena',
  'Frank',
  'Gino',
  'Hugo',
  'Ida',
  'Jack',
  'Kate',
  'Louis',
  'Mario',
  'Nina',
  'Otto',
  'Pedro',
  'Rosa',
  'Sal',
  'Tony',
  'Vito',
  'Wolfgang',
  'Yuki',
  'Zoe',
];
const SURNAMES = [
  'Morton',
  'Puck',
  'Palmer',
  'Russo',
  'Chen',
  'Nakamura',
  'Dupont',
  'Garcia',
  'Kowalski',
  'Brennan',
  'Schmidt',
  'Rossi',
  'Moreau',
  'Okafor',
  'Lindqvist',
  'Haddad',
  'Silva',
  'Novak',
  'Ibarra',
];
const ADJECTIVES = [
  'Blue',
  'Golden',
  'Red',
  'Little',
  'Old',
  'Grand',
  'Silver',
  'Green',
  'Lucky',
  'Royal',
  'Happy',
  'Wild',
  'Black',
  'Crystal',
  'Sunny',
  'Hidden',
  'Rustic',
  'Urban',
];
const NOUNS = [
  'Dragon',
  'Lantern',
  'Ribbon',
  'Oak',
  'Harbor',
  'Garden',
  'Door',
  'Anchor',
  'Olive',
  'Fig',
  'Pearl',
  'Bamboo',
  'Lotus',
  'Tulip',
  'Crown',
  'Compass',
  'Kettle',
  'Saffron',
  'Basil',
  'Sparrow',
  'Fox',
  'Mill',
];
const FOREIGN = [
  'Chez',
  'Cafe',
  'Trattoria',
  'Osteria',
  'Casa',
  'La',
  'Le',
  'El',
  'Bistro',
  'Taverna',
  'Maison',
];
const KINDS: [string, string][] = [
  ['Restaurant', 'Rest.'],
  ['Cafe', 'Café'],
  ['Grill', 'Grill'],
  ['Bistro', 'Bistro'],
  ['Delicatessen', 'Deli'],
  ['Bar & Grill', 'Bar and Grill'],
  ['Diner', 'Diner'],
  ['Kitchen', 'Kitchen'],
  ['Steakhouse', 'Steak House'],
  ['Pizzeria', 'Pizza'],
  ['Brasserie', 'Brasserie'],
  ['Tavern', 'Tavern'],
  ['Oyster Bar', 'Oyster Bar'],
  ['Noodle House', 'Noodles'],
  ['Bakery', 'Bakery'],
  ['Sushi Bar', 'Sushi'],
];
const SYLLABLES = [
  'ba',
  'zi',
  'lo',
  'ma',
  'ri',
  'to',
  'ne',
  'ka',
  'su',
  'vo',
  'chi',
  'pa',
  'len',
  'dor',
  'mi',
  'sa',
  'tu',
  'ro',
  'bel',
  'ga',
  'no',
  'fi',
  'ran',
  'ze',
];
const STREETS = [
  'La Cienega',
  'Ventura',
  'Sunset',
  'Melrose',
  'Columbus',
  'Mission',
  'Valencia',
  'Broadway',
  'Lexington',
  'Madison',
  'Peachtree',
  'Michigan',
  'Halsted',
  'Clark',
  'Grand',
  'Union',
  'Fillmore',
  'Polk',
  'Wilshire',
  'Pico',
  'Hudson',
  'Bleecker',
  'Spring',
  'Howard',
  'Ocean',
  'Lincoln',
  'Canal',
  'Decatur',
];
const STREET_TYPES: [string, string[]][] = [
  ['Street', ['St.', 'St', 'Str.']],
  ['Avenue', ['Ave.', 'Ave', 'Av.']],
  ['Boulevard', ['Blvd.', 'Blv.', 'Blvd']],
  ['Road', ['Rd.', 'Rd']],
  ['Place', ['Pl.', 'Pl']],
  ['Drive', ['Dr.']],
];
const DIRECTIONS: [string, string][] = [
  ['South', 'S.'],
  ['North', 'N.'],
  ['East', 'E.'],
  ['West', 'W.'],
];
/** City, how a guide may name it instead (a district or a longer form), and its area codes. */
const CITIES: [string, string[], number[]][] = [
  ['Los Angeles', ['Hollywood', 'W. Hollywood', 'Studio City', 'LA'], [213, 310, 323, 818]],
  ['New York', ['New York City', 'Manhattan', 'Brooklyn'], [212, 718, 646]],
  ['San Francisco', ['S.F.', 'San Francisco CA'], [415]],
  ['Chicago', ['Chicago IL'], [312, 773]],
  ['Atlanta', ['Decatur', 'Buckhead'], [404, 770]],
  ['Las Vegas', ['Henderson'], [702]],
  ['Boston', ['Cambridge'], [617]],
];

const capitalise = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

const typo = (random: Random, text: string): string => {
  if (text.length < 5) return text;
  const at = random.int(1, text.length - 2);
  switch (random.int(0, 2)) {
    case 0:
      return text.slice(0, at) + text.slice(at + 1);
    case 1:
      return text.slice(0, at) + text[at + 1] + text[at] + text.slice(at + 2);
    default:
      return text.slice(0, at) + random.pick(['a', 'e', 'i', 'o', 'n', 's']) + text.slice(at + 1);
  }
};

type Listing = {
  /** The name as a first guide prints it, in parts: article, core words, kind. */
  article: boolean;
  core: string;
  kind: [string, string] | null;
  number: number;
  direction: [string, string] | null;
  street: string;
  streetType: [string, string[]];
  city: number;
  area: number;
  line: number;
  zip: string;
};

const coreName = (random: Random): string => {
  const brand = () =>
    capitalise(Array.from({ length: random.int(2, 3) }, () => random.pick(SYLLABLES)).join(''));
  switch (random.int(0, 5)) {
    case 0:
      return `${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)}'s`;
    case 1:
      return `${random.pick(SURNAMES)}'s`;
    case 2:
      return `${random.pick(ADJECTIVES)} ${random.pick(NOUNS)}`;
    case 3:
      return `${random.pick(FOREIGN)} ${brand()}`;
    case 4:
      return `${random.pick(NOUNS)} & ${random.pick(NOUNS)}`;
    default:
      return brand();
  }
};

const makeListing = (random: Random): Listing => {
  const city = random.int(0, CITIES.length - 1);
  return {
    article: random.chance(0.1),
    core: coreName(random),
    kind: random.chance(0.6) ? random.pick(KINDS) : null,
    number: random.int(1, 12999),
    direction: random.chance(0.25) ? random.pick(DIRECTIONS) : null,
    street: random.pick(STREETS),
    streetType: random.pick(STREET_TYPES),
    city,
    area: random.pick(CITIES[city]![2]),
    line: random.int(2000000, 9999999),
    zip: String(random.int(10000, 99999)),
  };
};

const phoneText = (random: Random, area: number, line: number): string => {
  const l = String(line);
  return random.pick([
    `${area}/${l.slice(0, 3)}-${l.slice(3)}`,
    `${area}-${l.slice(0, 3)}-${l.slice(3)}`,
    `(${area}) ${l.slice(0, 3)}-${l.slice(3)}`,
    `${area}.${l.slice(0, 3)}.${l.slice(3)}`,
  ]);
};

const render = (
  random: Random,
  listing: Listing,
  entity: string,
  id: string,
  variant: boolean,
): SyntheticRecord => {
  const [cityName, cityVariants] = CITIES[listing.city]!;
  let core = listing.core;
  let kind = listing.kind ? listing.kind[0] : '';
  let article = listing.article;
  let branch = '';
  if (variant) {
    if (random.chance(0.3)) core = core.includes('&') ? core.replace('&', 'and') : core;
    if (listing.kind && random.chance(0.35)) kind = random.chance(0.5) ? listing.kind[1] : '';
    if (random.chance(0.5)) article = !article && random.chance(0.3);
    if (random.chance(0.1)) branch = random.chance(0.5) ? ` (${cityName})` : ` of ${cityName}`;
    if (random.chance(0.12)) core = typo(random, core);
    if (random.chance(0.05)) core = core.replace(/'s\b/, 's');
  }
  let name = `${article ? 'The ' : ''}${core}${kind ? ` ${kind}` : ''}${branch}`;
  if (variant && random.chance(0.3)) name = name.toLowerCase();
  const [streetLong, streetShorts] = listing.streetType;
  const direction = listing.direction
    ? `${variant && random.chance(0.5) ? listing.direction[1] : listing.direction[0]} `
    : '';
  const streetType = random.chance(0.6) ? random.pick(streetShorts) : streetLong;
  let address = `${listing.number} ${direction}${listing.street} ${streetType}`;
  if (variant && random.chance(0.1)) address += random.pick([', Suite 100', ', 2nd Fl.', ' #3']);
  if (variant && random.chance(0.08)) address = typo(random, address);
  const city = variant && random.chance(0.2) ? random.pick(cityVariants) : cityName;
  const line = variant && random.chance(0.07) ? random.int(2000000, 9999999) : listing.line;
  const drop = (p: number) => variant && random.chance(p);
  return {
    id,
    entity,
    name,
    phone: drop(0.05) ? null : phoneText(random, listing.area, line),
    address: drop(0.05) ? null : address,
    city: drop(0.05) ? null : city,
    zip: random.chance(0.5) ? null : listing.zip,
  };
};

export type SyntheticListingOptions = {
  entities: number;
  /** Share of listings printed in both guides. */
  duplicateRate?: number;
  /** Share of listings that are another branch of the previous one's chain (same name). */
  chainRate?: number;
  /** Share of listings in the previous one's building (same street address). */
  neighbourRate?: number;
};

export const generateListings = (random: Random, options: SyntheticListingOptions): SyntheticRecord[] => {
  const records: SyntheticRecord[] = [];
  let previous: Listing | null = null;
  for (let e = 0; e < options.entities; e++) {
    const entity = `l${e}`;
    let listing = makeListing(random);
    if (previous && random.chance(options.chainRate ?? 0.06)) {
      listing = { ...listing, article: previous.article, core: previous.core, kind: previous.kind };
      if (random.chance(0.5)) listing = { ...listing, city: previous.city, area: previous.area };
    } else if (previous && random.chance(options.neighbourRate ?? 0.04)) {
      listing = {
        ...listing,
        number: previous.number,
        direction: previous.direction,
        street: previous.street,
        streetType: previous.streetType,
        city: previous.city,
        area: previous.area,
        zip: previous.zip,
      };
    } else if (previous && random.chance(0.03)) {
      // A look-alike: the same core name with another kind ("Palm" and "Palm Too").
      listing = { ...listing, core: `${previous.core} ${random.pick(['Too', 'II', 'Express', 'East'])}` };
    }
    records.push(render(random, listing, entity, `${entity}-0`, false));
    if (random.chance(options.duplicateRate ?? 0.25))
      records.push(render(random, listing, entity, `${entity}-1`, true));
    previous = listing;
  }
  return records;
};
