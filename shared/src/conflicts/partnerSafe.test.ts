import type { Account, Deal, Partner, Registration } from '../domain/index.js';
import { detectConflicts } from './detectConflicts.js';
import { partnerSafeConflict, partnerSafeReasons, scoreBand } from './partnerSafe.js';

const account = (overrides: Partial<Account>): Account => ({
  id: 'acc-groove',
  crmId: '30000017',
  name: 'Groove Street Trading',
  domains: ['groovestreet.example'],
  phone: '+1 415 555 0142',
  address: null,
  industry: null,
  employees: null,
  ownerId: 'u-seller-darcel',
  parentAccountId: null,
  ...overrides,
});
const registration = (overrides: Partial<Registration>): Registration => ({
  id: 'reg-new',
  partnerId: 'p-contoso',
  customer: { name: 'Groove Street Holdings', domain: 'groovestreet.example' },
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
const deal: Deal = {
  id: 'hs-deal-50000042',
  crmId: '50000042',
  name: 'Groove Street – Platform ×3',
  accountId: 'acc-groove',
  stage: 'presentationscheduled',
  stageCategory: 'open',
  amountMinor: 4_837_261,
  currency: 'USD',
  closeDate: null,
  ownerId: 'u-seller-darcel',
  splits: [],
  createdAt: '2025-01-01T00:00:00Z',
};
const northwind: Partner = {
  id: 'p-northwind',
  name: 'Northwind Traders',
  domain: 'northwind.example',
  tier: 'gold',
  motions: ['resale'],
  capabilities: { certifications: [], specialisations: [], regions: [], industries: [] },
  managerUserId: 'u-pm-ana',
  active: true,
};
const now = '2025-02-01T00:00:00Z';

const PRIVATE = [
  'Groove Street Trading',
  'acc-groove',
  '30000017',
  'hs-deal-50000042',
  'Platform',
  'u-seller-darcel',
  'u-pm-ana',
  'Northwind',
  'p-northwind',
  'reg-northwind',
  '4837261',
  '415',
];

describe('partner-safe conflicts', () => {
  const claim = registration({});
  const conflicts = detectConflicts({
    registration: claim,
    accounts: [
      account({}),
      account({
        id: 'acc-sub',
        crmId: '30100001',
        name: 'Groove Street Europe',
        domains: ['groovestreet-eu.example'],
        phone: null,
        parentAccountId: 'acc-groove',
      }),
    ],
    deals: [deal],
    registrations: [
      registration({
        id: 'reg-northwind',
        partnerId: 'p-northwind',
        customer: { name: 'Groove Street Trading', phone: '+1 415 555 0142' },
        status: 'approved',
        protectedUntil: '2025-06-01T00:00:00Z',
      }),
    ],
    partners: [northwind],
    now,
  });

  it('When a claim collides with accounts, a deal and another partner, then the internal conflicts name them all', () => {
    expect(conflicts.map((c) => c.kind)).toEqual(
      expect.arrayContaining(['direct_owned_account', 'direct_owned_deal', 'competing_registration']),
    );
    const internal = JSON.stringify(conflicts);
    expect(internal).toContain('Groove Street Trading');
    expect(internal).toContain('Northwind');
  });

  it('When the same conflicts are told to the partner, then no other name, domain, id, amount or phone appears', () => {
    const told = JSON.stringify(conflicts.map((c) => partnerSafeConflict(c, claim.customer)));
    for (const secret of PRIVATE) expect(told).not.toContain(secret);
    expect(told).not.toContain('groovestreet-eu.example');
    expect(told).not.toContain('"score"');
  });

  it('When evidence is told, then its reasons quote only what the partner gave, with a score band and the decision', () => {
    const accountConflict = conflicts.find((c) => c.kind === 'direct_owned_account')!;
    const [evidence] = partnerSafeConflict(accountConflict, claim.customer).evidence;
    expect(evidence).toEqual({
      type: 'account',
      scoreBand: scoreBand(accountConflict.evidence[0]!.score),
      decision: accountConflict.evidence[0]!.decision,
      reasons: expect.arrayContaining([
        'The domain you gave, "groovestreet.example", matches a record we hold',
      ]),
    });
    for (const reason of evidence!.reasons)
      expect(reason).toMatch(/you gave, "(Groove Street Holdings|groovestreet\.example)"/);
  });

  it('When the evidence is a link a person made, then it says so without naming the record', () => {
    expect(
      partnerSafeReasons(
        {
          type: 'account',
          id: 'acc-groove',
          score: 1,
          decision: 'match',
          reasons: [
            {
              field: 'name',
              contribution: 0,
              similarity: 1,
              text: 'both claims resolve to account acc-groove',
            },
          ],
        },
        claim.customer,
      ),
    ).toEqual(['Linked to this customer in our records']);
  });

  it('When the conflict is the partner’s own earlier registration, then its id is shown; any other record’s is not', () => {
    const [duplicate] = detectConflicts({
      registration: claim,
      accounts: [],
      deals: [],
      registrations: [registration({ id: 'reg-mine', customer: { domain: 'groovestreet.example' } })],
      now,
    });
    expect(duplicate!.kind).toBe('duplicate_registration');
    expect(partnerSafeConflict(duplicate!, claim.customer).evidence[0]).toMatchObject({
      type: 'registration',
      id: 'reg-mine',
    });
    const told = conflicts.map((c) => partnerSafeConflict(c, claim.customer));
    expect(told.flatMap((c) => c.evidence).some((e) => 'id' in e)).toBe(false);
  });

  it('When scores are banded, then 0.9 and above is high, 0.5 and above medium, the rest low', () => {
    expect([1, 0.9, 0.89, 0.5, 0.49, 0].map(scoreBand)).toEqual([
      'high',
      'high',
      'medium',
      'medium',
      'low',
      'low',
    ]);
  });
});
