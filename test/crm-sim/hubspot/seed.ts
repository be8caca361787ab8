import { generateWorld } from '../common/world.js';
import { DEAL_STAGES } from './default-properties.js';
import type { Owner } from './portal.js';
import type { HubSpotStore, WriteContext } from './store.js';

export type SeedOptions = { seed: number; size: number; anchor?: number };

const SEEDING: WriteContext = { changeSource: 'IMPORT', validate: false };
const OPEN_STAGES = DEAL_STAGES.filter((s) => s.value !== 'closedwon' && s.value !== 'closedlost');

/** Fills a portal with the deterministic sample world: owners, companies (some subsidiaries), contacts, deals. */
export const seedPortal = (store: HubSpotStore, portalId: number, options: SeedOptions): void => {
  const world = generateWorld(options);
  const portal = store.portal(portalId);
  const iso = (ms: number): string => new Date(ms).toISOString();

  portal.owners = world.owners.map((o, i): Owner => ({
    id: String(70_000_000 + (portalId % 1000) * 1000 + i),
    email: o.email,
    firstName: o.firstName,
    lastName: o.lastName,
    userId: 9_000_000 + i,
    userIdIncludingInactive: 9_000_000 + i,
    type: 'PERSON',
    teams: [
      {
        id: String(400 + ['Central', 'East', 'West'].indexOf(o.region)),
        name: `${o.region} Sales`,
        primary: true,
      },
    ],
    createdAt: iso(Date.UTC(2023, 0, 10 + i)),
    updatedAt: iso(Date.UTC(2024, 5, 1)),
    archived: false,
  }));
  const ownerId = (key: number): string => portal.owners[key]?.id ?? '';

  const companyIds = new Map<number, string>();
  for (const c of world.companies) {
    const record = store.create(
      portalId,
      'companies',
      {
        name: c.name,
        domain: c.domain,
        website: `https://www.${c.domain}`,
        industry: c.sector.hubspot,
        city: c.city,
        country: c.country,
        numberofemployees: String(c.employees),
        annualrevenue: String(c.annualRevenue),
        hubspot_owner_id: ownerId(c.ownerKey),
        createdate: iso(c.createdAt),
      },
      SEEDING,
    );
    companyIds.set(c.key, record.id);
  }
  for (const c of world.companies) {
    const parent = c.parentKey === undefined ? undefined : companyIds.get(c.parentKey);
    const child = companyIds.get(c.key);
    if (parent && child) store.associate(portalId, 'companies', parent, 'companies', child, [13], SEEDING);
  }

  const contactIds = new Map<number, string>();
  for (const p of world.contacts) {
    const company = world.companies[p.companyKey];
    const record = store.create(
      portalId,
      'contacts',
      {
        firstname: p.firstName,
        lastname: p.lastName,
        email: p.email,
        jobtitle: p.jobTitle,
        company: company?.name ?? '',
        hubspot_owner_id: ownerId(p.ownerKey),
        createdate: iso(p.createdAt),
      },
      SEEDING,
    );
    contactIds.set(p.key, record.id);
    const companyId = companyIds.get(p.companyKey);
    if (companyId) store.associate(portalId, 'contacts', record.id, 'companies', companyId, [1], SEEDING);
  }

  for (const d of world.deals) {
    const stage =
      d.outcome === 'won'
        ? 'closedwon'
        : d.outcome === 'lost'
          ? 'closedlost'
          : (OPEN_STAGES[d.openStageIndex] ?? OPEN_STAGES[0])?.value;
    const record = store.create(
      portalId,
      'deals',
      {
        dealname: d.name,
        amount: String(d.amount),
        dealstage: stage,
        pipeline: 'default',
        dealtype: d.key % 4 === 0 ? 'existingbusiness' : 'newbusiness',
        closedate: iso(d.closeAt),
        hubspot_owner_id: ownerId(d.ownerKey),
        createdate: iso(d.createdAt),
      },
      SEEDING,
    );
    const companyId = companyIds.get(d.companyKey);
    const contactId = contactIds.get(d.contactKey);
    if (companyId) store.associate(portalId, 'deals', record.id, 'companies', companyId, [5], SEEDING);
    if (contactId) store.associate(portalId, 'deals', record.id, 'contacts', contactId, [3], SEEDING);
  }
};
