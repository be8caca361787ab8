import { startHubSpotSimulator, type HubSpotSimulator } from '@entente/test/crm-sim';
import type { Config } from '../config/config.js';
import { hubspotIds } from '../crm/hubspot/toDomain.js';
import { cardSigningSecret, sandboxHubSpotApp } from '../config/cardSigning.js';
import { SANDBOX_PORTAL_ID, type SandboxData } from './generateSandboxData.js';

/**
 * Per-request latency of the in-process HubSpot simulator in sandbox mode. HubSpot's own ~120 ms
 * (the simulator's default, which the benchmarks keep) would make a first start crawl for no
 * insight; 10 ms keeps every request realistic in shape and the whole install under seconds.
 */
export const SANDBOX_SIMULATOR_LATENCY_MS = 10;
export const SANDBOX_CLIENT_ID = 'entente-sandbox-app';

const SEEDING = { changeSource: 'IMPORT', validate: false } as const;

/** The CRM side of the sandbox: record ids as the simulated portal assigned them, keyed by sandbox id. */
export type SandboxPortal = {
  sim: HubSpotSimulator;
  /** Sandbox account/deal/user id → the HubSpot id of the same record in the simulated portal. */
  crmIds: Map<string, string>;
};

const amount = (minor: number) => (minor / 100).toFixed(2);

/**
 * Puts the sandbox company's CRM (owners, companies with their parents, deals with their company)
 * into the simulated portal. Writes are imports, made before any webhook target is set, so nothing
 * is announced; the same data always yields the same HubSpot ids, which is what lets a restart
 * find its records again.
 */
/**
 * The HubSpot *user* id of the sandbox's n-th user: what `hubspot.fetch` appends to a card request
 * (an owner's `userId`, not its owner id), so the sandbox signs what HubSpot signs.
 */
export const sandboxHubSpotUserId = (index: number): number => 9_100_001 + index;

export const seedSandboxPortal = (sim: HubSpotSimulator, data: SandboxData): Map<string, string> => {
  const portalId = sim.portalId;
  const crmIds = new Map<string, string>();
  const portal = sim.portals.get(portalId);
  if (!portal) throw new Error(`the simulator has no portal ${portalId}`);
  portal.domain = 'maventech.example';
  // The sandbox company keeps its own industry picklist, as a portal admin may.
  const industry = portal.properties.get('0-2')?.get('industry');
  if (industry) {
    const known = new Set(industry.options.map((o) => o.value));
    for (const value of new Set(data.accounts.map((a) => a.industry).filter((v) => v !== null)))
      if (!known.has(value))
        industry.options.push({ label: value, value, displayOrder: industry.options.length, hidden: false });
  }
  portal.owners = data.users.map((user, index) => {
    const [firstName = user.name, ...rest] = user.name.split(' ');
    crmIds.set(user.id, user.crmUserId);
    return {
      id: user.crmUserId,
      email: user.email,
      firstName,
      lastName: rest.join(' '),
      userId: sandboxHubSpotUserId(index),
      userIdIncludingInactive: sandboxHubSpotUserId(index),
      type: 'PERSON' as const,
      teams: [],
      createdAt: '2024-01-15T09:00:00.000Z',
      updatedAt: '2024-01-15T09:00:00.000Z',
      archived: !user.active,
    };
  });
  const owner = (userId: string | null) => (userId ? (crmIds.get(userId) ?? '') : '');
  for (const account of data.accounts) {
    const parent = account.parentAccountId ? crmIds.get(account.parentAccountId) : undefined;
    const record = sim.state.create(
      portalId,
      'companies',
      {
        name: account.name,
        domain: account.domains.join(';'),
        phone: account.phone ?? '',
        address: account.address?.street ?? '',
        city: account.address?.city ?? '',
        state: account.address?.region ?? '',
        zip: account.address?.zip ?? '',
        country: account.address?.country ?? '',
        industry: account.industry ?? '',
        numberofemployees: account.employees === null ? '' : String(account.employees),
        hubspot_owner_id: owner(account.ownerId),
        ...(parent ? { hs_parent_company_id: parent } : {}),
      },
      SEEDING,
    );
    crmIds.set(account.id, record.id);
    if (parent) sim.state.associate(portalId, 'companies', parent, 'companies', record.id, [13], SEEDING);
  }
  for (const deal of data.deals) {
    const record = sim.state.create(
      portalId,
      'deals',
      {
        dealname: deal.name,
        amount: amount(deal.amountMinor),
        deal_currency_code: deal.currency,
        dealstage: deal.stage,
        pipeline: 'default',
        closedate: deal.closeDate ?? '',
        createdate: deal.createdAt,
        hubspot_owner_id: owner(deal.ownerId),
      },
      SEEDING,
    );
    crmIds.set(deal.id, record.id);
    const company = deal.accountId ? crmIds.get(deal.accountId) : undefined;
    if (company) sim.state.associate(portalId, 'deals', record.id, 'companies', company, [5], SEEDING);
  }
  return crmIds;
};

/**
 * The sandbox data as it reads once the connector has brought the CRM records in: the same
 * records under the ids the connector derives from their HubSpot ids. Entente-owned data
 * (partners, registrations, roles, splits) refers to these.
 */
export const throughConnector = (data: SandboxData, crmIds: Map<string, string>): SandboxData => {
  const crm = (id: string) => {
    const crmId = crmIds.get(id);
    if (!crmId) throw new Error(`sandbox record ${id} is not in the simulated portal`);
    return crmId;
  };
  const user = (id: string) => hubspotIds.owner(crm(id));
  const account = (id: string) => hubspotIds.company(crm(id));
  const deal = (id: string) => hubspotIds.deal(crm(id));
  const maybe = <T>(id: string | null, map: (id: string) => T) => (id === null ? null : map(id));
  return {
    tenant: data.tenant,
    // As the connector stores them: the owner's id for Entente's user, the HubSpot user id as crmUserId.
    users: data.users.map((u, index) => ({
      ...u,
      id: user(u.id),
      crmUserId: String(sandboxHubSpotUserId(index)),
      managerId: maybe(u.managerId, user),
    })),
    accounts: data.accounts.map((a) => ({
      ...a,
      id: account(a.id),
      crmId: crm(a.id),
      ownerId: maybe(a.ownerId, user),
      parentAccountId: maybe(a.parentAccountId, account),
    })),
    deals: data.deals.map((d) => ({
      ...d,
      id: deal(d.id),
      crmId: crm(d.id),
      accountId: maybe(d.accountId, account),
      ownerId: maybe(d.ownerId, user),
      splits: d.splits.map((s) => ({ ...s, userId: user(s.userId) })),
    })),
    partners: data.partners.map((p) => ({ ...p, managerUserId: maybe(p.managerUserId, user) })),
    registrations: data.registrations.map((r) => ({
      ...r,
      accountId: maybe(r.accountId, account),
      dealId: maybe(r.dealId, deal),
    })),
  };
};

/** Starts the simulated portal the sandbox installs into, seeded with the sandbox company's CRM. */
export const startSandboxPortal = async (
  config: Config,
  data: SandboxData,
  latencyMs = SANDBOX_SIMULATOR_LATENCY_MS,
): Promise<SandboxPortal> => {
  const app = sandboxHubSpotApp(config);
  const sim = await startHubSpotSimulator({
    port: 0,
    latencyMs,
    // An empty generated world: the sandbox company's own CRM goes in below.
    size: 0,
    portalId: Number(SANDBOX_PORTAL_ID),
    appId: Number(app.appId),
    clientId: config.hubspot.clientId ?? SANDBOX_CLIENT_ID,
    clientSecret: app.clientSecret,
    searchIndexDelayMs: 0,
  });
  const portal = sim.portals.get(sim.portalId);
  if (portal) {
    for (const records of portal.records.values()) records.clear();
    portal.edges.clear();
  }
  return { sim, crmIds: seedSandboxPortal(sim, data) };
};

/** The configuration that points the HubSpot connector at the simulated portal. */
export const sandboxConnectorConfig = (config: Config, sim: HubSpotSimulator): Config => ({
  ...config,
  hubspot: {
    ...config.hubspot,
    clientId: sim.clientId,
    clientSecret: cardSigningSecret(config) ?? sim.clientSecret,
    appId: String(sim.appId),
    apiBaseUrl: sim.url,
    authBaseUrl: sim.url,
  },
});
