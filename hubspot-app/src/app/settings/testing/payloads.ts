import type { PeopleDirectory, DirectoryPartner, DirectoryUser } from '../types/people';
import type { Viewer } from '../types/common';
import type { FieldMappingOverview, FieldMappingPreview } from '../types/fieldMapping';
import type { SettingsPayload } from '../types/settings';

/** Builders for settings payloads: a realistic default, overridden per test. */
export const buildViewer = (overrides: Partial<Viewer> = {}): Viewer => ({
  userId: 'u-admin',
  name: 'Ada Admin',
  roles: ['admin'],
  canAdjudicate: true,
  isAdmin: true,
  ...overrides,
});

export const buildSettings = (overrides: Partial<SettingsPayload> = {}): SettingsPayload => ({
  generatedAt: '2026-11-02T09:00:00.000Z',
  viewer: buildViewer(),
  policy: {
    current: {
      version: 2,
      name: 'Stricter incumbency',
      publishedAt: '2026-11-01T09:00:00.000Z',
      publishedBy: 'u-admin',
      source: 'name: Stricter incumbency\n',
      ruleIds: ['R-1', 'R-2'],
    },
    history: [
      {
        version: 2,
        name: 'Stricter incumbency',
        publishedAt: '2026-11-01T09:00:00.000Z',
        publishedBy: 'u-admin',
      },
      { version: 1, name: 'Default', publishedAt: '2026-10-01T09:00:00.000Z', publishedBy: 'system' },
    ],
  },
  fieldMapping: [
    { object: 'deals', field: 'name', property: 'dealname', customised: false },
    { object: 'companies', field: 'domain', property: 'website_domain', customised: true },
  ],
  attribution: {
    version: 0,
    model: 'position_based',
    modelLabel: 'Position-based 40/20/40',
    publishedAt: null,
    renewal: 'Renewals inherit the original split',
    disputeWindowDays: 14,
  },
  ...overrides,
});

export const buildUser = (overrides: Partial<DirectoryUser> = {}): DirectoryUser => ({
  id: 'u-pm-1',
  name: 'Priya Patel',
  email: 'priya@contoso.example',
  roles: ['partner_manager'],
  active: true,
  ...overrides,
});

export const buildPartner = (overrides: Partial<DirectoryPartner> = {}): DirectoryPartner => ({
  id: 'p-tailspin',
  name: 'Tailspin Toys',
  tier: 'Gold',
  motions: ['referral', 'resale'],
  domains: ['tailspin.example'],
  active: true,
  keys: [
    { keyId: 'key-1', name: 'CRM sync', createdAt: '2026-10-01T09:00:00.000Z', revokedAt: null },
    {
      keyId: 'key-0',
      name: 'Old portal',
      createdAt: '2026-06-01T09:00:00.000Z',
      revokedAt: '2026-09-01T09:00:00.000Z',
    },
  ],
  ...overrides,
});

export const buildPeople = (overrides: Partial<PeopleDirectory> = {}): PeopleDirectory => ({
  users: [
    buildUser({ id: 'u-admin', name: 'Ada Admin', email: 'ada@contoso.example', roles: ['admin'] }),
    buildUser(),
    buildUser({
      id: 'u-gone',
      name: 'Gil Gone',
      email: 'gil@contoso.example',
      roles: ['seller'],
      active: false,
    }),
  ],
  partners: [
    buildPartner(),
    buildPartner({
      id: 'p-fabrikam',
      name: 'Fabrikam',
      tier: 'Silver',
      motions: ['services'],
      domains: ['fabrikam.example', 'fabrikam-consulting.example'],
      keys: [],
    }),
  ],
  ...overrides,
});

const FIELD_DEFAULTS: [string, string, string, string[]][] = [
  ['deals', 'name', 'dealname', ['string']],
  ['deals', 'amount', 'amount', ['number']],
  ['deals', 'currency', 'deal_currency_code', ['enumeration', 'string']],
  ['deals', 'closeDate', 'closedate', ['date', 'datetime']],
  ['companies', 'name', 'name', ['string']],
  ['companies', 'domain', 'domain', ['string']],
  ['companies', 'employees', 'numberofemployees', ['number']],
  ['contacts', 'email', 'email', ['string']],
  ['contacts', 'jobTitle', 'jobtitle', ['string', 'enumeration']],
];

/** GET /hubspot/cards/settings/field-mapping: version 1 points companies.domain at a custom property. */
export const buildFieldMapping = (overrides: Partial<FieldMappingOverview> = {}): FieldMappingOverview => ({
  current: {
    version: 1,
    overrides: { companies: { domain: 'website_domain' } },
    fields: FIELD_DEFAULTS.map(([object, field, defaultProperty, acceptedTypes]) => {
      const property = object === 'companies' && field === 'domain' ? 'website_domain' : defaultProperty;
      return {
        object,
        field,
        property,
        defaultProperty,
        customised: property !== defaultProperty,
        acceptedTypes,
      };
    }),
    changedBy: { userId: 'u-admin', name: 'Ada Admin' },
    changedAt: '2026-10-15T09:00:00.000Z',
  },
  history: [
    {
      version: 1,
      overrides: { companies: { domain: 'website_domain' } },
      changedBy: { userId: 'u-admin', name: 'Ada Admin' },
      changedAt: '2026-10-15T09:00:00.000Z',
    },
  ],
  ...overrides,
});

export const buildFieldMappingPreview = (
  overrides: Partial<FieldMappingPreview> = {},
): FieldMappingPreview => ({
  deals: [
    {
      crmId: '9001',
      name: 'Contoso renewal',
      amountMinor: 1_250_000,
      currency: 'USD',
      closeDate: '2026-12-01',
    },
  ],
  companies: [
    {
      crmId: '501',
      name: 'Contoso',
      domains: ['contoso.example'],
      industry: 'Software',
      employees: 1200,
      phone: null,
      address: { city: 'Seattle', country: 'US' },
    },
  ],
  contacts: [],
  ...overrides,
});
