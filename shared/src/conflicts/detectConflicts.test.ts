import type { Account, Deal, Partner, Registration } from '../domain/index.js';
import { detectConflicts } from './detectConflicts.js';

const account = (overrides: Partial<Account>): Account => ({
  id: 'acc-1',
  crmId: 'c1',
  name: 'Acme Corporation',
  domains: ['acme.com'],
  phone: null,
  address: null,
  industry: null,
  employees: null,
  ownerId: null,
  parentAccountId: null,
  ...overrides,
});
const registration = (overrides: Partial<Registration>): Registration => ({
  id: 'reg-new',
  partnerId: 'p-1',
  customer: { name: 'ACME Corp.', domain: 'www.acme.com' },
  accountId: null,
  dealId: null,
  status: 'submitted',
  amountMinor: null,
  currency: null,
  expectedCloseDate: null,
  notes: null,
  submittedAt: '2025-01-10T00:00:00Z',
  decidedAt: null,
  protectedUntil: null,
  ...overrides,
});
const deal = (overrides: Partial<Deal>): Deal => ({
  id: 'deal-1',
  crmId: 'd1',
  name: 'Acme expansion',
  accountId: 'acc-1',
  stage: 'Negotiation',
  stageCategory: 'open',
  amountMinor: 100,
  currency: 'EUR',
  closeDate: null,
  ownerId: 'seller-1',
  splits: [{ userId: 'se-2', role: 'overlay', percent: 20 }],
  createdAt: '2025-01-01T00:00:00Z',
  ...overrides,
});
const partner = (id: string, name: string): Partner => ({
  id,
  name,
  domain: null,
  tier: 'gold',
  motions: ['resale'],
  capabilities: { certifications: [], specialisations: [], regions: [], industries: [] },
  managerUserId: `pm-${id}`,
  active: true,
});
const now = '2025-02-01T00:00:00Z';

describe('detectConflicts', () => {
  it('When the direct team owns the account and an open deal, then both are reported with every stake holder', () => {
    const conflicts = detectConflicts({
      registration: registration({}),
      accounts: [account({ ownerId: 'seller-1' })],
      deals: [deal({}), deal({ id: 'deal-won', stageCategory: 'won' })],
      registrations: [],
      now,
    });
    expect(conflicts.map((c) => c.kind)).toEqual(['direct_owned_deal', 'direct_owned_account']);
    expect(conflicts[0]?.severity).toBe('blocking');
    expect(conflicts[0]?.competing).toEqual([
      { type: 'deal', id: 'deal-1', ownerUserIds: ['seller-1', 'se-2'] },
    ]);
    expect(conflicts[1]?.evidence[0]?.reasons.map((r) => r.text).join(' ')).toContain(
      'same registrable domain acme.com',
    );
  });

  it('When another partner holds a protected registration, then the partner-safe summary does not name it', () => {
    const conflicts = detectConflicts({
      registration: registration({}),
      accounts: [],
      deals: [],
      registrations: [
        registration({
          id: 'reg-old',
          partnerId: 'p-2',
          status: 'approved',
          protectedUntil: '2025-06-01T00:00:00Z',
          customer: { name: 'Acme Corporation', domain: 'acme.com' },
        }),
      ],
      partners: [partner('p-1', 'Alpha Resellers'), partner('p-2', 'Bravo Systems')],
      now,
    });
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ kind: 'competing_registration', severity: 'blocking' });
    expect(conflicts[0]?.summary).toContain('Bravo Systems');
    expect(conflicts[0]?.partnerSafeSummary).not.toContain('Bravo');
    expect(conflicts[0]?.competing[0]).toEqual({
      type: 'registration',
      id: 'reg-old',
      ownerUserIds: ['pm-p-2'],
      partnerId: 'p-2',
    });
  });

  it('When the same partner registered the customer before, then it is a duplicate; expired claims are ignored', () => {
    const conflicts = detectConflicts({
      registration: registration({}),
      accounts: [],
      deals: [],
      registrations: [
        registration({
          id: 'reg-dup',
          status: 'in_review',
          customer: { name: 'Acme Corp', domain: 'acme.com' },
        }),
        registration({
          id: 'reg-expired',
          partnerId: 'p-3',
          status: 'approved',
          protectedUntil: '2025-01-15T00:00:00Z',
        }),
      ],
      now,
    });
    expect(conflicts.map((c) => [c.kind, c.competing[0]?.id])).toEqual([
      ['duplicate_registration', 'reg-dup'],
    ]);
  });

  it('When the customer is known under another name and its parent is an account, then identity and family conflicts appear', () => {
    const conflicts = detectConflicts({
      registration: registration({ customer: { name: 'Acme Robotics', domain: 'acme.com' } }),
      accounts: [
        account({ id: 'acc-1', name: 'Acme Corporation', parentAccountId: 'acc-parent' }),
        account({ id: 'acc-parent', name: 'Globex Holdings', domains: ['globex.com'], ownerId: 'seller-9' }),
      ],
      deals: [],
      registrations: [],
      now,
    });
    const kinds = conflicts.map((c) => c.kind);
    expect(kinds).toContain('same_customer_other_identity');
    const family = conflicts.find((c) => c.kind === 'corporate_family');
    expect(family?.competing).toEqual([{ type: 'account', id: 'acc-parent', ownerUserIds: ['seller-9'] }]);
    expect(family?.partnerSafeSummary).toContain('parent');
  });

  it('When nothing overlaps, then there are no conflicts', () => {
    expect(
      detectConflicts({
        registration: registration({ customer: { name: 'Zenith Labs' } }),
        accounts: [account({})],
        deals: [],
        registrations: [],
        now,
      }),
    ).toEqual([]);
  });
});
