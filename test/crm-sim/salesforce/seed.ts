import { generateWorld } from '../common/world.js';
import { sfDate } from './ids.js';
import { OPPORTUNITY_STAGES } from './schema.js';
import type { SalesforceStore } from './store.js';

export type SeedOptions = { seed: number; size: number; anchor?: number };

const OPEN = OPPORTUNITY_STAGES.filter((s) => !s.closed);

/** Fills the org with the same sample world the HubSpot simulator uses, in Salesforce's shapes. */
export const seedOrg = (store: SalesforceStore, options: SeedOptions): { adminUserId: string } => {
  const world = generateWorld(options);
  const admin = store.create(
    'User',
    {
      Username: 'integration@entente-sim.example',
      FirstName: 'Integration',
      LastName: 'User',
      Email: 'integration@entente-sim.example',
      IsActive: true,
    },
    { trusted: true },
  );
  const users = world.owners.map((o) =>
    store.create(
      'User',
      {
        Username: o.email,
        FirstName: o.firstName,
        LastName: o.lastName,
        Email: o.email,
        IsActive: true,
        Department: `${o.region} Sales`,
      },
      { trusted: true },
    ),
  );
  const userId = (key: number): string => users[key]?.Id ?? admin.Id;

  const accounts = new Map<number, string>();
  for (const c of world.companies) {
    const parentId = c.parentKey === undefined ? undefined : accounts.get(c.parentKey);
    const record = store.create(
      'Account',
      {
        Name: c.name,
        Website: `https://www.${c.domain}`,
        Industry: c.sector.salesforce,
        BillingCity: c.city,
        BillingCountry: c.country,
        NumberOfEmployees: c.employees,
        AnnualRevenue: c.annualRevenue,
        OwnerId: userId(c.ownerKey),
        ...(parentId ? { ParentId: parentId } : {}),
      },
      { trusted: true, at: c.createdAt },
    );
    accounts.set(c.key, record.Id);
  }
  const contacts = new Map<number, string>();
  for (const p of world.contacts) {
    const record = store.create(
      'Contact',
      {
        FirstName: p.firstName,
        LastName: p.lastName,
        Email: p.email,
        Title: p.jobTitle,
        AccountId: accounts.get(p.companyKey),
        OwnerId: userId(p.ownerKey),
      },
      { trusted: true, at: p.createdAt },
    );
    contacts.set(p.key, record.Id);
  }
  for (const d of world.deals) {
    const stage =
      d.outcome === 'won'
        ? 'Closed Won'
        : d.outcome === 'lost'
          ? 'Closed Lost'
          : (OPEN[d.openStageIndex] ?? OPEN[0])?.name;
    store.create(
      'Opportunity',
      {
        Name: d.name,
        Amount: d.amount,
        StageName: stage,
        CloseDate: sfDate(d.closeAt),
        Type: d.key % 4 === 0 ? 'Existing Customer - Upgrade' : 'New Customer',
        AccountId: accounts.get(d.companyKey),
        ContactId: contacts.get(d.contactKey),
        OwnerId: userId(d.ownerKey),
      },
      { trusted: true, at: d.createdAt },
    );
  }
  return { adminUserId: admin.Id };
};
