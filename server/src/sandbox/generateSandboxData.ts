import type { Account, Deal, Partner, Registration, Tenant, User } from '@entente/shared/domain';
import { seededRandom, type Random } from '@entente/shared/random';

/**
 * The sandbox tenant: a fictional B2B hardware and software vendor with three regional sales teams,
 * a partner program and a realistic pipeline (stage mix, amounts and parent/subsidiary accounts
 * modelled on public sample CRM data). Same seed, same data: only dates move with the anchor day.
 */
import { SANDBOX_PORTAL_ID, SANDBOX_SEED, SANDBOX_TENANT_ID } from '../config/sandboxIdentity.js';

export { SANDBOX_PORTAL_ID, SANDBOX_SEED, SANDBOX_TENANT_ID };

export type SandboxData = {
  tenant: Tenant;
  users: User[];
  accounts: Account[];
  deals: Deal[];
  partners: Partner[];
  registrations: Registration[];
};

const DAY = 86_400_000;

const NAME_STEMS = [
  'Acme',
  'Betatech',
  'Cancity',
  'Codehow',
  'Dalttechnology',
  'Domzoom',
  'Dontechi',
  'Faxquote',
  'Finhigh',
  'Fintone',
  'Funholding',
  'Gekko',
  'Genco',
  'Goodsilron',
  'Groovestreet',
  'Hatfan',
  'Hottechi',
  'Iselectrics',
  'Isdom',
  'Kan',
  'Konex',
  'Labdrill',
  'Lexiqvolax',
  'Mathtouch',
  'Nam-zim',
  'Newex',
  'Ontomedia',
  'Opentech',
  'Plussunin',
  'Rangreen',
  'Rantouch',
  'Ron-tech',
  'Scotfind',
  'Silis',
  'Singletechno',
  'Sonron',
  'Stanredtax',
  'Statholdings',
  'Streethex',
  'Sumace',
  'Sunnamplex',
  'The New York Inquirer',
  'Toughzap',
  'Treequote',
  'Triptip',
  'Umbrella',
  'Vehement',
  'Warephase',
  'Xx-holding',
  'Y-corporation',
  'Zathunicon',
  'Zencorporation',
  'Zoomit',
  'Zotware',
  'Northgate',
  'Bluefin',
  'Quantia',
  'Helix',
  'Orbitra',
  'Pinecrest',
];
const LEGAL_FORMS = ['Inc.', 'Corporation', 'LLC', 'Ltd', 'GmbH', 'Holdings', 'Group', 'S.A.', 'B.V.', ''];
const INDUSTRIES = [
  'technology',
  'medical',
  'retail',
  'software',
  'marketing',
  'finance',
  'telecommunications',
  'entertainment',
  'services',
  'employment',
];
const CITIES: readonly [string, string, string][] = [
  ['New York', 'NY', 'US'],
  ['Chicago', 'IL', 'US'],
  ['Austin', 'TX', 'US'],
  ['Seattle', 'WA', 'US'],
  ['Boston', 'MA', 'US'],
  ['Denver', 'CO', 'US'],
  ['London', 'ENG', 'GB'],
  ['Berlin', 'BE', 'DE'],
  ['Amsterdam', 'NH', 'NL'],
  ['Paris', 'IDF', 'FR'],
];
const STREETS = ['Main St', 'Market Street', 'Harbor Blvd', 'Oak Avenue', 'Industrial Way', 'King Street'];
const PRODUCTS: readonly [string, number][] = [
  ['GTX Basic', 550],
  ['GTX Pro', 4821],
  ['MG Special', 55],
  ['MG Advanced', 3393],
  ['GTX Plus Basic', 1096],
  ['GTX Plus Pro', 5482],
  ['GTK 500', 26768],
];
/** HubSpot's default sales pipeline stages, with the category the engines reason about. */
const OPEN_STAGES = [
  'appointmentscheduled',
  'qualifiedtobuy',
  'presentationscheduled',
  'decisionmakerboughtin',
  'contractsent',
];

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '');
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const iso = (ms: number) => new Date(ms).toISOString();

const users = (): User[] => {
  const people: [string, string, User['roles'], string | null][] = [
    ['u-admin', 'Ada Admin', ['admin'], null],
    ['u-desk', 'Dana Desk', ['deal_desk'], null],
    ['u-pm-1', 'Priya Patel', ['partner_manager'], null],
    ['u-pm-2', 'Marco Rossi', ['partner_manager'], null],
    ['u-mgr-central', 'Dustin Brinkmann', ['sales_manager'], null],
    ['u-mgr-east', 'Cara Losch', ['sales_manager'], null],
    ['u-mgr-west', 'Summer Sewald', ['sales_manager'], null],
    ['u-s-1', 'Anna Snelling', ['seller'], 'u-mgr-central'],
    ['u-s-2', 'Cecily Lampkin', ['seller'], 'u-mgr-central'],
    ['u-s-3', 'Versie Hillebrand', ['seller'], 'u-mgr-central'],
    ['u-s-4', 'Violet Mclelland', ['seller'], 'u-mgr-east'],
    ['u-s-5', 'Corliss Cosme', ['seller'], 'u-mgr-east'],
    ['u-s-6', 'Rosie Papadopoulos', ['seller'], 'u-mgr-east'],
    ['u-s-7', 'Darcel Schlecht', ['seller'], 'u-mgr-west'],
    ['u-s-8', 'Moses Frase', ['seller'], 'u-mgr-west'],
    ['u-s-9', 'Zane Levy', ['seller'], 'u-mgr-west'],
  ];
  return people.map(([id, name, roles, managerId], index) => ({
    id,
    crmUserId: String(7_100_001 + index),
    email: `${name.split(' ')[0]!.toLowerCase()}.${name.split(' ')[1]!.toLowerCase()}@maventech.example`,
    name,
    roles,
    managerId,
    active: true,
  }));
};

const accounts = (random: Random, sellers: User[]): Account[] => {
  const result: Account[] = [];
  NAME_STEMS.forEach((stem, index) => {
    const form = random.pick(LEGAL_FORMS);
    const [city, region, country] = random.pick(CITIES);
    const id = `acc-${String(index + 1).padStart(3, '0')}`;
    result.push({
      id,
      crmId: String(30_000_001 + index),
      name: form ? `${stem} ${form}` : stem,
      domains: [`${slug(stem)}.example`],
      phone: country === 'US' ? `+1 212 555 ${String(1000 + index).padStart(4, '0')}` : null,
      address: {
        street: `${random.int(1, 999)} ${random.pick(STREETS)}`,
        city,
        region,
        country,
        zip: String(random.int(10000, 99999)),
      },
      industry: random.pick(INDUSTRIES),
      employees: random.int(20, 20000),
      // Two in three accounts have a direct owner; the rest are open territory for partners.
      ownerId: random.chance(0.66) ? random.pick(sellers).id : null,
      parentAccountId: null,
    });
  });
  // Corporate families: a handful of subsidiaries under their parents, named the way CRMs hold them.
  const families: [number, string][] = [
    [0, 'Acme Europe'],
    [17, 'Goodsilron Labs'],
    [33, 'Silis Health'],
    [50, 'Zencorporation Japan'],
  ];
  families.forEach(([parentIndex, name], index) => {
    const parent = result[parentIndex]!;
    result.push({
      ...parent,
      id: `acc-sub-${index + 1}`,
      crmId: String(30_100_001 + index),
      name,
      domains: [`${slug(name)}.example`],
      ownerId: random.pick(sellers).id,
      parentAccountId: parent.id,
    });
  });
  return result;
};

const deals = (random: Random, accountList: Account[], sellers: User[], anchor: number): Deal[] => {
  const result: Deal[] = [];
  for (let index = 0; index < 400; index++) {
    const account = random.pick(accountList);
    const [product, price] = random.pick(PRODUCTS);
    const roll = random.next();
    // Stage mix of the sample pipeline: about 48% won, 28% lost, 18% engaging, 6% prospecting.
    const category: Deal['stageCategory'] = roll < 0.48 ? 'won' : roll < 0.76 ? 'lost' : 'open';
    const stage =
      category === 'won' ? 'closedwon' : category === 'lost' ? 'closedlost' : random.pick(OPEN_STAGES);
    const createdAt = anchor - random.int(20, 400) * DAY;
    const closeAt =
      category === 'open'
        ? anchor + random.int(10, 120) * DAY
        : Math.min(anchor - DAY, createdAt + random.int(14, 140) * DAY);
    const owner = account.ownerId ?? random.pick(sellers).id;
    const units = random.int(1, 8);
    const amount = category === 'lost' ? 0 : Math.round(price * units * (0.85 + random.next() * 0.3) * 100);
    result.push({
      id: `deal-${String(index + 1).padStart(4, '0')}`,
      crmId: String(50_000_001 + index),
      name: `${account.name} – ${product}${units > 1 ? ` ×${units}` : ''}`,
      accountId: account.id,
      stage,
      stageCategory: category,
      amountMinor: category === 'lost' ? Math.round(price * units * 100) : amount,
      currency: 'USD',
      closeDate: isoDate(closeAt),
      ownerId: owner,
      splits: [{ userId: owner, role: 'owner', percent: 100 }],
      createdAt: iso(createdAt),
    });
  }
  return result;
};

const partners = (): Partner[] => {
  const list: [string, string, string, Partner['motions'], string[], string[], string][] = [
    [
      'p-northwind',
      'Northwind Traders',
      'gold',
      ['resale', 'services'],
      ['Certified Implementer'],
      ['healthcare'],
      'u-pm-1',
    ],
    [
      'p-contoso',
      'Contoso Consulting',
      'platinum',
      ['services', 'influence'],
      ['Certified Implementer', 'Security Specialist'],
      ['finance'],
      'u-pm-1',
    ],
    ['p-fabrikam', 'Fabrikam Resellers', 'silver', ['resale'], [], ['retail'], 'u-pm-2'],
    ['p-tailspin', 'Tailspin Referral Network', 'registered', ['referral'], [], [], 'u-pm-2'],
    [
      'p-wingtip',
      'Wingtip Integrations',
      'gold',
      ['technology'],
      ['Integration Certified'],
      ['software'],
      'u-pm-1',
    ],
    [
      'p-litware',
      'Litware MSP',
      'silver',
      ['resale', 'services'],
      ['Managed Services'],
      ['services'],
      'u-pm-2',
    ],
  ];
  return list.map(([id, name, tier, motions, certifications, industries, managerUserId]) => ({
    id,
    name,
    domain: `${slug(name.split(' ')[0]!)}.example`,
    tier,
    motions,
    capabilities: { certifications, specialisations: industries, regions: ['US', 'EU'], industries },
    managerUserId,
    active: true,
  }));
};

const registrations = (
  random: Random,
  accountList: Account[],
  dealList: Deal[],
  partnerList: Partner[],
  anchor: number,
): Registration[] => {
  const result: Registration[] = [];
  const openDeals = dealList.filter((d) => d.stageCategory === 'open');
  const statuses: Registration['status'][] = [
    'approved',
    'approved',
    'in_review',
    'submitted',
    'rejected',
    'expired',
    'won',
    'lost',
  ];
  for (let index = 0; index < 40; index++) {
    const partner = partnerList[index % partnerList.length]!;
    const deal = random.pick(openDeals.length > 0 ? openDeals : dealList);
    const account = accountList.find((a) => a.id === deal.accountId)!;
    const status = random.pick(statuses);
    const submittedAt = anchor - random.int(1, 90) * DAY;
    const decided = !['submitted', 'in_review'].includes(status);
    result.push({
      id: `reg-${String(index + 1).padStart(3, '0')}`,
      partnerId: partner.id,
      customer: { name: account.name, domain: account.domains[0] },
      accountId: account.id,
      dealId: deal.id,
      status,
      amountMinor: deal.amountMinor,
      currency: 'USD',
      expectedCloseDate: deal.closeDate,
      notes: null,
      submittedAt: iso(submittedAt),
      decidedAt: decided ? iso(submittedAt + random.int(1, 5) * DAY) : null,
      protectedUntil: status === 'approved' ? iso(submittedAt + 90 * DAY) : null,
    });
  }
  return result;
};

/** `anchorDay` is the UTC day the sandbox was first seeded; every date is relative to it. */
export const generateSandboxData = (anchorDay: Date): SandboxData => {
  const random = seededRandom(SANDBOX_SEED);
  const anchor = Date.UTC(anchorDay.getUTCFullYear(), anchorDay.getUTCMonth(), anchorDay.getUTCDate());
  const userList = users();
  const sellers = userList.filter((u) => u.roles.includes('seller'));
  const accountList = accounts(random, sellers);
  const dealList = deals(random, accountList, sellers, anchor);
  const partnerList = partners();
  return {
    tenant: {
      id: SANDBOX_TENANT_ID,
      name: 'MavenTech (sandbox portal)',
      crm: 'hubspot',
      externalId: SANDBOX_PORTAL_ID,
      status: 'active',
      sandbox: true,
    },
    users: userList,
    accounts: accountList,
    deals: dealList,
    partners: partnerList,
    registrations: registrations(random, accountList, dealList, partnerList, anchor),
  };
};
