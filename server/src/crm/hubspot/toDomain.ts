import {
  parseDecimalToMinor,
  type Account,
  type Contact,
  type Deal,
  type User,
} from '@entente/shared/domain';
import type { DealSignals } from '../crmPort.js';
import type { FieldMapping } from './fieldMapping.js';
import type { InlineAssociationBlock } from './inlineAssociations.js';

/** A HubSpot object as the API returns it, reduced to what mapping needs. */
export type HubSpotRecord = {
  id: string;
  properties: Record<string, string | null | undefined>;
  createdAt?: Date | string;
  /** Present on reads that asked for associations and found some. */
  associations?: InlineAssociationBlock;
};
/**
 * An owner from the owners API. `id` is the owner id (what `hubspot_owner_id` holds on records);
 * `userId` is the HubSpot user behind it, the id a signed card request carries as `userId` and the
 * one token introspection names as the installing user. They are different numbers.
 */
export type HubSpotOwner = {
  id: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  userId?: number | null;
  userIdIncludingInactive?: number | null;
  archived?: boolean;
};

/** Domain ids are derived from CRM ids, so the same record always upserts the same row. */
export const hubspotIds = {
  deal: (crmId: string) => `hs-deal-${crmId}`,
  company: (crmId: string) => `hs-company-${crmId}`,
  contact: (crmId: string) => `hs-contact-${crmId}`,
  owner: (crmId: string) => `hs-owner-${crmId}`,
  /** A HubSpot user known before (or without) an owner record: the installer, from the token. */
  user: (hubspotUserId: string) => `hs-user-${hubspotUserId}`,
};

/**
 * The HubSpot user id an Entente user is found by (`crmUserId`). An owner that is no user (or
 * whose user is gone) gets a stand-in that no HubSpot user id can equal.
 */
export const hubspotUserIdOf = (owner: HubSpotOwner): string => {
  const userId = owner.userId ?? owner.userIdIncludingInactive;
  return userId === null || userId === undefined ? `owner-${owner.id}` : String(userId);
};

const text = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

/** HubSpot amounts are decimal strings; anything unreadable counts as no amount. */
const toMinor = (value: string | null | undefined): number => {
  const amount = text(value);
  if (!amount) return 0;
  try {
    return Math.max(0, parseDecimalToMinor(amount));
  } catch {
    const number = Number(amount);
    return Number.isFinite(number) && number > 0 ? Math.round(number * 100) : 0;
  }
};

const toDate = (value: string | null | undefined): string | null => {
  const raw = text(value);
  if (!raw) return null;
  if (/^\d+$/.test(raw)) return new Date(Number(raw)).toISOString().slice(0, 10);
  const parsed = Date.parse(raw);
  return Number.isNaN(parsed) ? null : new Date(parsed).toISOString().slice(0, 10);
};

const toIso = (value: Date | string | null | undefined, fallback: string): string => {
  if (value instanceof Date) return value.toISOString();
  const parsed = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(parsed) ? fallback : new Date(parsed).toISOString();
};

/**
 * Won or lost comes from the stage's metadata, which HubSpot exposes on every deal as
 * hs_is_closed_won / hs_is_closed; the default pipeline's ids are the fallback.
 */
export const stageCategory = (properties: HubSpotRecord['properties']): Deal['stageCategory'] => {
  const stage = properties.dealstage ?? '';
  if (properties.hs_is_closed_won === 'true' || stage === 'closedwon') return 'won';
  if (properties.hs_is_closed === 'true' || stage === 'closedlost') return 'lost';
  return 'open';
};

export const DEAL_FIXED_PROPERTIES = [
  'dealstage',
  'pipeline',
  'dealtype',
  'hs_is_closed_won',
  'hs_is_closed',
  'hubspot_owner_id',
  'createdate',
  'hs_lastmodifieddate',
];
export const COMPANY_FIXED_PROPERTIES = ['hubspot_owner_id', 'hs_parent_company_id', 'hs_lastmodifieddate'];
export const CONTACT_FIXED_PROPERTIES = ['hubspot_owner_id', 'associatedcompanyid', 'lastmodifieddate'];

export const propertiesToRead = (
  mapping: FieldMapping,
  kind: 'deals' | 'companies' | 'contacts',
): string[] => {
  const fixed = {
    deals: DEAL_FIXED_PROPERTIES,
    companies: COMPANY_FIXED_PROPERTIES,
    contacts: CONTACT_FIXED_PROPERTIES,
  }[kind];
  const signals =
    kind === 'deals'
      ? [
          ...(mapping.renewals.property ? [mapping.renewals.property] : []),
          ...Object.values(mapping.outcomes),
        ]
      : [];
  return [...new Set([...Object.values(mapping[kind]), ...signals, ...fixed])].sort();
};

/** HubSpot's own deal type for an existing customer buying again: a renewal, whatever the mapping. */
const EXISTING_BUSINESS = 'existingbusiness';
/** What an unticked checkbox or a cleared field reads as. */
const UNSET = new Set(['', 'false', 'no', '0', 'off']);

/** What the CRM holds, as the audit log keeps it: the property and its value, cut to a sensible length. */
const evidenceOf = (property: string, value: string): string => `${property} = ${value}`.slice(0, 300);

/** A property value as an instant, when it is a date (HubSpot sends ISO text or epoch milliseconds). */
const toInstant = (value: string): string | null => {
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
};

/**
 * Whether the deal is a renewal and which outcomes it records, as the portal and the admin's
 * mapping say: HubSpot's deal type `existingbusiness`, then a mapped renewal pipeline, then a mapped
 * property holding one of its renewal values; and each mapped outcome property that is set (a date,
 * or a ticked checkbox).
 */
export const toDealSignals = (record: HubSpotRecord, mapping: FieldMapping): DealSignals => {
  const p = record.properties;
  const dealType = text(p.dealtype);
  const pipeline = text(p.pipeline);
  const property = mapping.renewals.property;
  const marked = property ? text(p[property]) : null;
  const values = new Set(mapping.renewals.propertyValues.map((v) => v.toLowerCase()));
  const renewal: DealSignals['renewal'] =
    dealType === EXISTING_BUSINESS
      ? { recognisedBy: 'deal_type', evidence: `deal type ${EXISTING_BUSINESS}` }
      : pipeline !== null && mapping.renewals.pipelines.includes(pipeline)
        ? { recognisedBy: 'pipeline', evidence: `pipeline ${pipeline}` }
        : property && marked !== null && values.has(marked.toLowerCase())
          ? { recognisedBy: 'property', evidence: evidenceOf(property, marked) }
          : null;
  const outcomes = Object.entries(mapping.outcomes).flatMap(([kind, name]) => {
    const value = text(p[name]);
    if (value === null || UNSET.has(value.toLowerCase())) return [];
    return [
      {
        kind: kind as DealSignals['outcomes'][number]['kind'],
        occurredAt: toInstant(value),
        evidence: evidenceOf(name, value),
      },
    ];
  });
  return { renewal, outcomes };
};

const ownerId = (value: string | null | undefined) => {
  const id = text(value);
  return id ? hubspotIds.owner(id) : null;
};

export const toDeal = (
  record: HubSpotRecord,
  mapping: FieldMapping,
  companyCrmId: string | undefined,
  defaultCurrency: string,
  nowIso: string,
): Deal => {
  const p = record.properties;
  const f = mapping.deals;
  const currency = text(p[f.currency])?.toUpperCase();
  return {
    id: hubspotIds.deal(record.id),
    crmId: record.id,
    name: text(p[f.name]) ?? `Deal ${record.id}`,
    accountId: companyCrmId ? hubspotIds.company(companyCrmId) : null,
    stage: text(p.dealstage) ?? 'unknown',
    stageCategory: stageCategory(p),
    amountMinor: toMinor(p[f.amount]),
    currency: currency && /^[A-Z]{3}$/.test(currency) ? currency : defaultCurrency,
    closeDate: toDate(p[f.closeDate]),
    ownerId: ownerId(p.hubspot_owner_id),
    splits: [],
    createdAt: toIso(record.createdAt ?? p.createdate, nowIso),
  };
};

const domainsOf = (value: string | null | undefined): string[] =>
  (value ?? '')
    .split(/[;,\s]+/)
    .map((d) =>
      d
        .trim()
        .toLowerCase()
        .replace(/^https?:\/\//, '')
        .replace(/^www\./, '')
        .replace(/\/.*$/, ''),
    )
    .filter(Boolean);

export const toAccount = (record: HubSpotRecord, mapping: FieldMapping): Account => {
  const p = record.properties;
  const f = mapping.companies;
  const domains = domainsOf(p[f.domain]);
  const address = {
    ...(text(p[f.street]) ? { street: text(p[f.street]) as string } : {}),
    ...(text(p[f.city]) ? { city: text(p[f.city]) as string } : {}),
    ...(text(p[f.zip]) ? { zip: text(p[f.zip]) as string } : {}),
    ...(text(p[f.region]) ? { region: text(p[f.region]) as string } : {}),
    ...(text(p[f.country]) ? { country: text(p[f.country]) as string } : {}),
  };
  const employees = Number(text(p[f.employees]) ?? Number.NaN);
  const parent = text(p.hs_parent_company_id);
  return {
    id: hubspotIds.company(record.id),
    crmId: record.id,
    name: text(p[f.name]) ?? domains[0] ?? `Company ${record.id}`,
    domains,
    phone: text(p[f.phone]),
    address: Object.keys(address).length > 0 ? address : null,
    industry: text(p[f.industry]),
    employees: Number.isSafeInteger(employees) && employees >= 0 ? employees : null,
    ownerId: ownerId(p.hubspot_owner_id),
    parentAccountId: parent ? hubspotIds.company(parent) : null,
  };
};

export const toContact = (record: HubSpotRecord, mapping: FieldMapping): Contact => {
  const p = record.properties;
  const f = mapping.contacts;
  const company = text(p.associatedcompanyid);
  return {
    id: hubspotIds.contact(record.id),
    crmId: record.id,
    email: text(p[f.email])?.toLowerCase() ?? null,
    firstName: text(p[f.firstName]),
    lastName: text(p[f.lastName]),
    jobTitle: text(p[f.jobTitle]),
    phone: text(p[f.phone]),
    accountId: company ? hubspotIds.company(company) : null,
    ownerId: ownerId(p.hubspot_owner_id),
  };
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * New owners start as sellers; roles given in Entente are kept when the owner is read again. The
 * user's id derives from the owner id (so deals' owners point at it) and `crmUserId` is the HubSpot
 * user id (so signed card requests find it).
 */
export const toUser = (owner: HubSpotOwner): User => {
  const email =
    owner.email && EMAIL.test(owner.email) ? owner.email.toLowerCase() : `owner-${owner.id}@hubspot.invalid`;
  const name = [owner.firstName, owner.lastName].filter(Boolean).join(' ').trim();
  return {
    id: hubspotIds.owner(owner.id),
    crmUserId: hubspotUserIdOf(owner),
    email,
    name: name || email,
    roles: ['seller'],
    managerId: null,
    active: !owner.archived,
  };
};
