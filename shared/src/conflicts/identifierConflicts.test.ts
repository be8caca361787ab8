import type { Account, Deal, Registration } from '../domain/index.js';
import { detectConflicts } from './detectConflicts.js';

/*
 * A claim cannot dodge conflict detection by giving another name: every combination of the same
 * or a different name, registrable domain and phone, against a direct-owned account with an open
 * deal and against another partner's protected claim.
 */
const SAME = { name: 'Groove Street Trading', domain: 'groovestreet.example', phone: '+1 415 555 0142' };
const OTHER = { name: 'Blue Ocean Holdings', domain: 'blueocean.example', phone: '+1 212 555 0199' };

const account: Account = {
  id: 'acc-groove',
  crmId: 'c1',
  name: SAME.name,
  domains: [SAME.domain],
  phone: SAME.phone,
  address: null,
  industry: null,
  employees: null,
  ownerId: 'seller-1',
  parentAccountId: null,
};
const deal: Deal = {
  id: 'deal-groove',
  crmId: 'd1',
  name: 'Groove renewal',
  accountId: account.id,
  stage: 'Negotiation',
  stageCategory: 'open',
  amountMinor: 100,
  currency: 'USD',
  closeDate: null,
  ownerId: 'seller-1',
  splits: [],
  createdAt: '2025-01-01T00:00:00Z',
};
const claim = (
  id: string,
  partnerId: string,
  customer: Registration['customer'],
  status: Registration['status'],
) => ({
  id,
  partnerId,
  customer,
  accountId: null,
  dealId: null,
  status,
  amountMinor: null,
  currency: null,
  expectedCloseDate: null,
  notes: null,
  submittedAt: '2025-01-10T00:00:00Z',
  decidedAt: status === 'approved' ? '2025-01-10T00:00:00Z' : null,
  protectedUntil: status === 'approved' ? '2025-06-01T00:00:00Z' : null,
});
const now = '2025-02-01T00:00:00Z';

type Combination = { name: boolean; domain: boolean; phone: boolean };
const combinations: Combination[] = [false, true].flatMap((name) =>
  [false, true].flatMap((domain) => [false, true].map((phone) => ({ name, domain, phone }))),
);
const customerOf = (c: Combination) => ({
  name: c.name ? SAME.name : OTHER.name,
  domain: c.domain ? SAME.domain : OTHER.domain,
  phone: c.phone ? SAME.phone : OTHER.phone,
});
const label = (c: Combination) =>
  (['name', 'domain', 'phone'] as const).map((f) => `${c[f] ? 'same' : 'other'} ${f}`).join(', ');

describe('conflicts a different name cannot dodge', () => {
  it.each(combinations.map((c) => [label(c), c] as const))(
    'When a claim has %s as a direct-owned account, then it conflicts exactly when something identifies it',
    (_label, combination) => {
      const conflicts = detectConflicts({
        registration: claim('reg-new', 'p-new', customerOf(combination), 'submitted'),
        accounts: [account],
        deals: [deal],
        registrations: [],
        now,
      });
      const kinds = new Set(conflicts.map((c) => c.kind));
      const identified = combination.domain || combination.phone;
      if (!combination.name && !identified) {
        expect(conflicts).toEqual([]);
        return;
      }
      // The direct team's account and its open deal are always seen by a reviewer.
      expect(kinds).toContain('direct_owned_account');
      expect(kinds).toContain('direct_owned_deal');
      if (!combination.name)
        expect(conflicts.find((c) => c.kind === 'same_customer_other_identity')).toMatchObject({
          severity: 'warning',
          partnerSafeSummary: expect.not.stringContaining(SAME.name),
        });
    },
  );

  it.each(combinations.map((c) => [label(c), c] as const))(
    'When a claim has %s as another partner’s protected claim, then it competes exactly when something identifies it',
    (_label, combination) => {
      const earlier = claim('reg-first', 'p-first', SAME, 'approved');
      const conflicts = detectConflicts({
        registration: claim('reg-new', 'p-new', customerOf(combination), 'submitted'),
        accounts: [],
        deals: [],
        registrations: [earlier],
        now,
      });
      const competing = conflicts.filter((c) => c.kind === 'competing_registration');
      if (!combination.name && !combination.domain && !combination.phone) expect(competing).toEqual([]);
      else expect(competing).toHaveLength(1);
    },
  );

  it('When one partner registers only a domain and another a different name with that domain, then the second competes', () => {
    const first = claim('reg-first', 'p-first', { domain: SAME.domain }, 'approved');
    const conflicts = detectConflicts({
      registration: claim('reg-new', 'p-new', { name: 'Other Name Inc', domain: SAME.domain }, 'submitted'),
      accounts: [],
      deals: [],
      registrations: [first],
      now,
    });
    expect(conflicts.map((c) => c.kind)).toContain('competing_registration');
    expect(conflicts.find((c) => c.kind === 'competing_registration')?.evidence[0]?.reasons[0]?.text).toMatch(
      /same registrable domain groovestreet\.example/,
    );
  });

  it('When only a free-mail domain is shared, then it identifies nothing', () => {
    const conflicts = detectConflicts({
      registration: claim('reg-new', 'p-new', { name: OTHER.name, email: 'buyer@gmail.com' }, 'submitted'),
      accounts: [],
      deals: [],
      registrations: [
        claim('reg-first', 'p-first', { name: SAME.name, email: 'owner@gmail.com' }, 'approved'),
      ],
      now,
    });
    expect(conflicts).toEqual([]);
  });
});
