import { seededRandom, type Random } from '@entente/shared/random';
import {
  cities,
  companyEndings,
  companyStems,
  companySuffixes,
  countries,
  firstNames,
  jobTitles,
  lastNames,
  products,
  regions,
  sectors,
  topLevelDomains,
} from './vocabulary.js';

/**
 * A vendor-neutral sample book of business. Each simulator maps it to its own record shapes, so both
 * CRMs seeded with the same seed and size hold the same companies, people and deals.
 */
export type WorldOwner = { key: number; firstName: string; lastName: string; email: string; region: string };

export type WorldCompany = {
  key: number;
  name: string;
  domain: string;
  sector: (typeof sectors)[number];
  country: string;
  city: string;
  employees: number;
  annualRevenue: number;
  ownerKey: number;
  /** Key of the parent company when this one is a subsidiary. */
  parentKey?: number;
  createdAt: number;
};

export type WorldContact = {
  key: number;
  companyKey: number;
  firstName: string;
  lastName: string;
  email: string;
  jobTitle: string;
  ownerKey: number;
  createdAt: number;
};

export type DealOutcome = 'won' | 'lost' | 'open';

export type WorldDeal = {
  key: number;
  name: string;
  companyKey: number;
  contactKey: number;
  ownerKey: number;
  product: string;
  amount: number;
  outcome: DealOutcome;
  /** 0–4 for open deals: how far along the pipeline they are. */
  openStageIndex: number;
  createdAt: number;
  closeAt: number;
};

export type World = {
  owners: WorldOwner[];
  companies: WorldCompany[];
  contacts: WorldContact[];
  deals: WorldDeal[];
};

export type WorldOptions = {
  seed: number;
  /** Number of deals; companies, contacts and owners scale with it. */
  size: number;
  /** Fixed "today" for generated dates so the same seed always gives the same data. */
  anchor?: number;
};

const DAY = 86_400_000;
export const DEFAULT_ANCHOR = Date.UTC(2026, 9, 1);

const slug = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, '');

const uniqueCompanyName = (random: Random, taken: Set<string>): string => {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const base = `${random.pick(companyStems)}${random.pick(companyEndings)}`;
    const name = `${base}${random.pick(companySuffixes)}`;
    if (!taken.has(name)) return name;
  }
  // Very large worlds run out of combinations: number the name like "Acmetech 7".
  const base = `${random.pick(companyStems)}${random.pick(companyEndings)}`;
  let n = 2;
  while (taken.has(`${base} ${n}`)) n += 1;
  return `${base} ${n}`;
};

/** Skewed towards small orders, as most B2B pipelines are. */
const quantity = (random: Random): number => Math.max(1, Math.round(Math.pow(random.next(), 2.2) * 60));

const outcome = (random: Random): DealOutcome => {
  const roll = random.next();
  return roll < 0.48 ? 'won' : roll < 0.76 ? 'lost' : 'open';
};

export const generateWorld = ({ seed, size, anchor = DEFAULT_ANCHOR }: WorldOptions): World => {
  const random = seededRandom(seed);
  const ownerCount = Math.max(3, Math.min(35, Math.round(size / 60) + 3));
  const companyCount = Math.max(3, Math.round(size / 3));

  const owners: WorldOwner[] = Array.from({ length: ownerCount }, (_, key) => {
    const firstName = random.pick(firstNames);
    const lastName = random.pick(lastNames);
    return {
      key,
      firstName,
      lastName,
      email: `${slug(firstName)}.${slug(lastName)}${key}@example-seller.com`,
      region: random.pick(regions),
    };
  });

  const names = new Set<string>();
  const companies: WorldCompany[] = [];
  for (let key = 0; key < companyCount; key += 1) {
    const name = uniqueCompanyName(random, names);
    names.add(name);
    const employees = Math.round(20 + Math.pow(random.next(), 3) * 20_000);
    // About one company in ten is a subsidiary of an earlier, larger one.
    const parent =
      key > 5 && random.chance(0.1) ? companies[random.int(0, Math.min(key - 1, 20))] : undefined;
    companies.push({
      key,
      name,
      domain: `${slug(name)}.${random.pick(topLevelDomains)}`,
      sector: random.pick(sectors),
      country: random.pick(countries),
      city: random.pick(cities),
      employees,
      annualRevenue: Math.round(employees * random.int(80, 400)) * 1000,
      ownerKey: random.int(0, ownerCount - 1),
      ...(parent ? { parentKey: parent.key } : {}),
      createdAt: anchor - random.int(400, 900) * DAY + random.int(0, DAY - 1),
    });
  }

  const contacts: WorldContact[] = [];
  for (const company of companies) {
    const perCompany = random.int(1, 3);
    for (let i = 0; i < perCompany; i += 1) {
      const firstName = random.pick(firstNames);
      const lastName = random.pick(lastNames);
      contacts.push({
        key: contacts.length,
        companyKey: company.key,
        firstName,
        lastName,
        email: `${slug(firstName)}.${slug(lastName)}${contacts.length}@${company.domain}`,
        jobTitle: random.pick(jobTitles),
        ownerKey: company.ownerKey,
        createdAt: company.createdAt + random.int(1, 60) * DAY,
      });
    }
  }
  const contactsByCompany = new Map<number, WorldContact[]>();
  for (const contact of contacts) {
    contactsByCompany.set(contact.companyKey, [
      ...(contactsByCompany.get(contact.companyKey) ?? []),
      contact,
    ]);
  }

  const deals: WorldDeal[] = Array.from({ length: size }, (_, key) => {
    const company = random.pick(companies);
    const contact = random.pick(contactsByCompany.get(company.key) ?? contacts);
    const product = random.pick(products);
    const units = quantity(random);
    const discount = random.pick([0, 0, 0.05, 0.1, 0.15]);
    const result = outcome(random);
    const createdAt = anchor - random.int(10, 540) * DAY + random.int(0, DAY - 1);
    const cycleDays = random.int(20, 140);
    const closeAt =
      result === 'open'
        ? anchor + random.int(5, 120) * DAY
        : Math.min(anchor - DAY, createdAt + cycleDays * DAY);
    return {
      key,
      name: `${company.name} - ${product.name} x${units}`,
      companyKey: company.key,
      contactKey: contact.key,
      ownerKey: random.chance(0.8) ? company.ownerKey : random.int(0, ownerCount - 1),
      product: product.name,
      amount: Math.round(product.unitPrice * units * (1 - discount)),
      outcome: result,
      openStageIndex: random.int(0, 4),
      createdAt,
      closeAt,
    };
  });

  return { owners, companies, contacts, deals };
};
