import type { ConflictGroup, Viewer } from '../types/common';
import type { CompanyCardPayload } from '../types/companyCard';
import type { DealCardPayload } from '../types/dealCard';
import type { ReviewCardPayload, ReviewDispute, ReviewRegistration } from '../types/reviewCard';
import type { SettingsPayload } from '../types/settings';

/** Builders for card payloads: a realistic default, overridden per test. */
export const buildViewer = (overrides: Partial<Viewer> = {}): Viewer => ({
  userId: 'u-pm-1',
  name: 'Priya Patel',
  roles: ['partner_manager'],
  canAdjudicate: true,
  isAdmin: false,
  ...overrides,
});

/** A direct seller's block, as the service sends it for the deal Acme platform's registration. */
export const buildConflictGroup = (overrides: Partial<ConflictGroup> = {}): ConflictGroup => ({
  party: { kind: 'direct', id: 'u-s-2', name: 'Sam Seller' },
  severity: 'blocking',
  title: 'Direct seller Sam Seller is already working this customer',
  kinds: ['direct_owned_deal'],
  records: [
    {
      type: 'deal',
      id: 'd-9',
      label: 'deal Acme expansion',
      url: 'https://app.hubspot.com/contacts/990001/record/0-3/9009',
      why: 'an open deal they own',
    },
  ],
  moreRecords: 0,
  against: [{ registrationId: 'reg-1', partnerName: 'Tailspin Toys', status: 'in_review' }],
  details: [
    'Open deal "Acme expansion" (d-9, stage negotiation) on account "Acme Corporation" is owned by Sam Seller.',
  ],
  ...overrides,
});

/** Another partner's block: its protected claim on the same customer. */
export const buildPartnerConflictGroup = (overrides: Partial<ConflictGroup> = {}): ConflictGroup =>
  buildConflictGroup({
    party: { kind: 'partner', id: 'p-fabrikam', name: 'Fabrikam Resellers' },
    title: 'Fabrikam Resellers already claims this customer',
    kinds: ['competing_registration'],
    records: [
      {
        type: 'registration',
        id: 'reg-039',
        label: 'registration by Fabrikam Resellers (approved)',
        url: null,
        why: 'a competing claim',
      },
    ],
    details: [
      'Partner Fabrikam Resellers holds an active registration reg-039 (approved) for the same customer.',
    ],
    ...overrides,
  });

export const buildDealCard = (overrides: Partial<DealCardPayload> = {}): DealCardPayload => ({
  generatedAt: '2026-11-02T09:00:00.000Z',
  deal: {
    id: 'd-1',
    crmId: '9001',
    name: 'Acme platform',
    stage: 'contractsent',
    stageCategory: 'open',
    amount: { amountMinor: 12_000_000, currency: 'USD' },
    closeDate: '2026-12-15',
    ownerName: 'Anna Snelling',
  },
  viewer: buildViewer({ userId: 'u-s-1', name: 'Anna Snelling', roles: ['seller'], canAdjudicate: false }),
  partners: [
    {
      partnerId: 'p-tailspin',
      name: 'Tailspin Toys',
      tier: 'Gold',
      roles: ['sourced', 'co_sell'],
      roleReasons: ['registered the deal', 'co-sell meeting on 3 Oct 2026'],
    },
  ],
  registrations: [
    {
      id: 'reg-1',
      partnerId: 'p-tailspin',
      partnerName: 'Tailspin Toys',
      status: 'approved',
      submittedAt: '2026-10-01T10:00:00.000Z',
      decidedAt: '2026-10-01T10:00:01.000Z',
      protection: {
        label: 'Protection window',
        startsAt: '2026-10-01T10:00:01.000Z',
        endsAt: '2026-12-30T10:00:01.000Z',
        percentUsed: 35,
        hoursLeft: 1393,
        overdue: false,
      },
      approvalClock: null,
      assignedApproverName: null,
      firedRules: [{ ruleId: 'P-1', reason: 'No one else claims this customer; approved automatically.' }],
      matches: [
        {
          label: 'company Acme Corporation',
          type: 'company',
          id: 'a-1',
          score: 0.97,
          decision: 'match',
          reasons: ['domain acme.example is the same'],
          url: 'https://app.hubspot.com/contacts/990001/record/0-2/5001',
        },
      ],
    },
  ],
  conflicts: [],
  attribution: {
    status: 'provisional',
    model: 'position_based',
    modelLabel: 'Position-based 40/20/40',
    settingsVersion: 0,
    amount: { amountMinor: 12_000_000, currency: 'USD' },
    splits: [
      {
        participantId: 'p-tailspin',
        name: 'Tailspin Toys',
        kind: 'partner',
        share: '60%',
        shareBp: 6000,
        amountMinor: 7_200_000,
        why: 'Sourced the deal (40%) and ran the co-sell meeting (20%).',
        disputable: true,
      },
      {
        participantId: 'direct',
        name: 'Direct team',
        kind: 'direct',
        share: '40%',
        shareBp: 4000,
        amountMinor: 4_800_000,
        why: 'Closed the deal (40%).',
        disputable: true,
      },
    ],
    disputes: [],
    disputeBlockedReason: null,
  },
  attributionError: null,
  sync: { state: 'in_sync', lastSyncedAt: '2026-11-02T08:55:00.000Z', pendingWrites: 0, pendingFields: [] },
  ...overrides,
});

export const buildReviewRegistration = (overrides: Partial<ReviewRegistration> = {}): ReviewRegistration => ({
  id: 'reg-1',
  partnerName: 'Tailspin Toys',
  status: 'in_review',
  submittedAt: '2026-11-01T09:00:00.000Z',
  customer: { name: 'Acme Corp', domain: 'acme.example' },
  policy: { version: 1, outcome: 'review' },
  firedRules: [
    { ruleId: 'R-DIRECT-OWNED', reason: 'The customer has an open deal owned by a direct seller.' },
  ],
  matches: [
    {
      label: 'company Acme Corporation',
      type: 'company',
      id: 'a-1',
      score: 0.97,
      decision: 'match',
      reasons: ['domain acme.example is the same'],
      url: 'https://app.hubspot.com/contacts/990001/record/0-2/5001',
    },
  ],
  conflicts: [buildConflictGroup()],
  clock: {
    label: 'Review clock',
    startsAt: '2026-11-01T09:00:00.000Z',
    endsAt: '2026-11-03T09:00:00.000Z',
    percentUsed: 50,
    hoursLeft: 24,
    overdue: false,
  },
  protection: null,
  neutrality: {
    canDecide: true,
    stakes: [],
    reason: null,
    assignedApprover: { userId: 'u-pm-1', name: 'Priya Patel', role: 'partner_manager' },
    whoCan: [{ userId: 'u-pm-1', name: 'Priya Patel', role: 'partner_manager' }],
  },
  mode: 'decide',
  pendingOverride: null,
  decisions: [],
  ...overrides,
});

/**
 * A registration the rules approved automatically, which Priya Patel proposed to reject: what the
 * second person sees in confirm mode.
 */
export const buildPendingOverrideRegistration = (
  overrides: Partial<ReviewRegistration> = {},
): ReviewRegistration =>
  buildReviewRegistration({
    status: 'pending_second_approval',
    mode: 'confirm',
    policy: { version: 1, outcome: 'approve' },
    firedRules: [],
    conflicts: [],
    clock: {
      label: 'Second approval',
      startsAt: '2026-11-02T08:00:00.000Z',
      endsAt: '2026-11-04T08:00:00.000Z',
      percentUsed: 2.1,
      hoursLeft: 47,
      overdue: false,
    },
    protection: null,
    pendingOverride: {
      outcome: 'reject',
      proposedByName: 'Priya Patel',
      reason: 'Customer confirmed the partner was never involved',
      proposedAt: '2026-11-02T08:00:00.000Z',
      dueAt: '2026-11-04T08:00:00.000Z',
    },
    neutrality: {
      canDecide: true,
      stakes: [],
      reason: null,
      assignedApprover: null,
      whoCan: [{ userId: 'u-desk', name: 'Dana Desk', role: 'deal desk' }],
    },
    decisions: [
      {
        kind: 'policy',
        outcome: 'approve',
        actorName: null,
        reason: 'Nothing collides.',
        decidedAt: '2026-11-01T09:00:00.000Z',
      },
      {
        kind: 'override_proposal',
        outcome: 'reject',
        actorName: 'Priya Patel',
        reason: 'Customer confirmed the partner was never involved',
        decidedAt: '2026-11-02T08:00:00.000Z',
      },
    ],
    ...overrides,
  });

export const buildReviewCard = (overrides: Partial<ReviewCardPayload> = {}): ReviewCardPayload => ({
  generatedAt: '2026-11-02T09:00:00.000Z',
  record: { type: 'deal', id: 'd-1', crmId: '9001', name: 'Acme platform' },
  viewer: buildViewer(),
  registrations: [buildReviewRegistration()],
  disputes: [],
  ...overrides,
});

/**
 * Contoso disputes its 40% of the won deal Acme platform and asks for half; the deal desk has taken
 * it into review, so the viewer may uphold or reject it.
 */
export const buildReviewDispute = (overrides: Partial<ReviewDispute> = {}): ReviewDispute => ({
  id: 'dsp-1',
  participantId: 'p-contoso',
  participantName: 'Contoso',
  disputedShare: '40%',
  raisedBy: { role: 'partner', name: 'Contoso' },
  reason: 'We ran two demos, not one',
  state: 'under_review',
  openedAt: '2026-10-31T09:00:00.000Z',
  clock: {
    label: 'Decision due',
    startsAt: '2026-10-31T09:00:00.000Z',
    endsAt: '2026-11-10T09:00:00.000Z',
    percentUsed: 20,
    hoursLeft: 192,
    overdue: false,
  },
  remedy: {
    kind: 'split',
    description: 'Set Contoso to 50%; the rest goes to the others in proportion to what they had',
  },
  proposed: [
    { participantId: 'p-northwind', name: 'Northwind', share: '50%', shareBp: 5000, was: '60%' },
    { participantId: 'p-contoso', name: 'Contoso', share: '50%', shareBp: 5000, was: '40%' },
  ],
  actions: ['uphold', 'reject'],
  blockedReason: null,
  ...overrides,
});

export const buildCompanyCard = (overrides: Partial<CompanyCardPayload> = {}): CompanyCardPayload => ({
  generatedAt: '2026-11-02T09:00:00.000Z',
  company: { id: 'a-1', crmId: '5001', name: 'Acme Corporation', domain: 'acme.example' },
  viewer: buildViewer(),
  partners: [
    {
      partnerId: 'p-tailspin',
      name: 'Tailspin Toys',
      tier: 'Gold',
      activeRegistrations: 1,
      roles: ['sourced'],
    },
  ],
  registrations: [
    {
      id: 'reg-1',
      partnerName: 'Tailspin Toys',
      status: 'approved',
      submittedAt: '2026-10-01T10:00:00.000Z',
      decidedAt: '2026-10-01T10:00:01.000Z',
      dealName: 'Acme platform',
    },
  ],
  conflicts: [],
  pipeline: {
    openDeals: 2,
    total: { amountMinor: 20_000_000, currency: 'USD' },
    byPartner: [
      {
        partnerId: 'p-tailspin',
        name: 'Tailspin Toys',
        attributed: { amountMinor: 7_200_000, currency: 'USD' },
        deals: 1,
      },
    ],
    note: null,
  },
  ...overrides,
});

export const buildSettings = (overrides: Partial<SettingsPayload> = {}): SettingsPayload => ({
  generatedAt: '2026-11-02T09:00:00.000Z',
  viewer: buildViewer({ userId: 'u-admin', name: 'Ada Admin', roles: ['admin'], isAdmin: true }),
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
