import type { Account, Deal, Partner, Registration, User } from '../domain/index.js';

/**
 * Builders for tests: a valid entity with plain defaults, changed only where a test cares.
 * `buildRegistration({ status: 'approved' })` says exactly what the test is about.
 */
let sequence = 0;
const next = (prefix: string) => `${prefix}-${++sequence}`;

export const buildUser = (overrides: Partial<User> = {}): User => {
  const id = overrides.id ?? next('user');
  return {
    id,
    crmUserId: `crm-${id}`,
    email: `${id}@example.com`,
    name: `User ${id}`,
    roles: ['seller'],
    managerId: null,
    active: true,
    ...overrides,
  };
};

export const buildAccount = (overrides: Partial<Account> = {}): Account => {
  const id = overrides.id ?? next('account');
  return {
    id,
    crmId: `crm-${id}`,
    name: 'Acme Corporation',
    domains: ['acme.com'],
    phone: null,
    address: null,
    industry: null,
    employees: null,
    ownerId: null,
    parentAccountId: null,
    ...overrides,
  };
};

export const buildDeal = (overrides: Partial<Deal> = {}): Deal => {
  const id = overrides.id ?? next('deal');
  return {
    id,
    crmId: `crm-${id}`,
    name: 'Acme expansion',
    accountId: null,
    stage: 'qualifiedtobuy',
    stageCategory: 'open',
    amountMinor: 5_000_000,
    currency: 'USD',
    closeDate: null,
    ownerId: null,
    splits: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
};

export const buildPartner = (overrides: Partial<Partner> = {}): Partner => {
  const id = overrides.id ?? next('partner');
  return {
    id,
    name: 'Northwind Partners',
    domain: 'northwind.example',
    tier: 'gold',
    motions: ['resale'],
    capabilities: { certifications: [], specialisations: [], regions: [], industries: [] },
    managerUserId: null,
    active: true,
    ...overrides,
  };
};

export const buildRegistration = (overrides: Partial<Registration> = {}): Registration => {
  const id = overrides.id ?? next('registration');
  return {
    id,
    partnerId: 'partner-1',
    customer: { name: 'Acme Corporation', domain: 'acme.com' },
    accountId: null,
    dealId: null,
    status: 'submitted',
    amountMinor: null,
    currency: null,
    expectedCloseDate: null,
    notes: null,
    submittedAt: '2026-01-01T00:00:00.000Z',
    decidedAt: null,
    protectedUntil: null,
    ...overrides,
  };
};
