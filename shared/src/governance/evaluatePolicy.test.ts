import type { Conflict } from '../conflicts/index.js';
import { buildPartner, buildRegistration } from '../testing/index.js';
import { evaluatePolicy, type PolicyFacts } from './evaluatePolicy.js';
import { policySchema, type PolicyInput } from './policy.js';

const conflict = (kind: Conflict['kind'], severity: Conflict['severity'] = 'blocking'): Conflict => ({
  kind,
  severity,
  summary: kind,
  partnerSafeSummary: kind,
  evidence: [],
  competing: [],
});

const facts = (overrides: Partial<PolicyFacts> = {}): PolicyFacts => ({
  registration: buildRegistration({ submittedAt: '2026-03-01T00:00:00.000Z' }),
  partner: buildPartner({ tier: 'gold' }),
  conflicts: [],
  linkedDeal: null,
  incumbent: false,
  competingClaims: [],
  now: '2026-03-01T00:00:00.000Z',
  ...overrides,
});

const policy = (input: Partial<PolicyInput> = {}) =>
  policySchema.parse({
    name: 'test',
    defaults: {},
    rules: [
      {
        id: 'D-1',
        reason: 'Duplicates are refused.',
        when: { conflict: { kinds: ['duplicate_registration'] } },
        then: { decision: 'reject' },
      },
      {
        id: 'C-1',
        reason: 'Competing claims are settled by tie-breakers.',
        when: { conflict: { kinds: ['competing_registration'] } },
        then: { decision: 'tie_break' },
      },
      {
        id: 'A-1',
        reason: 'Clean, small claims from gold partners are approved.',
        when: { all: [{ noConflicts: true }, { amountMinorBelow: 1_000_000 }, { partnerTiers: ['gold'] }] },
        then: { decision: 'approve', protectionDays: 60 },
      },
    ],
    ...input,
  });

describe('evaluating the rules of engagement', () => {
  it('When a rule decides, then the decision cites its rule id, reason and policy version', () => {
    const decision = evaluatePolicy(policy(), 7, facts({ conflicts: [conflict('duplicate_registration')] }));
    expect(decision).toMatchObject({ policyVersion: 7, outcome: 'reject', decidingRuleId: 'D-1' });
    expect(decision.firedRules).toEqual([{ ruleId: 'D-1', reason: 'Duplicates are refused.' }]);
  });

  it('When no rule decides, then the default applies and nothing is cited as deciding', () => {
    expect(evaluatePolicy(policy(), 1, facts({ partner: buildPartner({ tier: 'silver' }) }))).toMatchObject({
      outcome: 'review',
      decidingRuleId: null,
      protectionDays: 90,
    });
  });

  it('When a rule needs the amount and it was not given, then the rule does not fire and the field is asked for', () => {
    const decision = evaluatePolicy(policy(), 1, facts());
    expect(decision.outcome).toBe('review');
    expect(decision.wantedFields).toEqual([expect.objectContaining({ field: 'amountMinor', ruleId: 'A-1' })]);
    const given = evaluatePolicy(
      policy(),
      1,
      facts({ registration: buildRegistration({ amountMinor: 50_000 }) }),
    );
    expect(given).toMatchObject({ outcome: 'approve', protectionDays: 60, wantedFields: [] });
  });

  it('When another partner registered first, then first-to-register rejects without naming them', () => {
    const decision = evaluatePolicy(
      policy(),
      1,
      facts({
        conflicts: [conflict('competing_registration', 'warning')],
        competingClaims: [
          {
            registrationId: 'r-0',
            partnerId: 'p-other',
            status: 'submitted',
            submittedAt: '2026-02-01T00:00:00.000Z',
            incumbent: false,
            capabilityScore: 0,
          },
        ],
      }),
    );
    expect(decision.outcome).toBe('reject');
    expect(decision.tieBreak).toMatchObject({ won: false, decidedBy: 'first_to_register' });
    expect(JSON.stringify(decision)).not.toContain('p-other');
  });

  it('When claims tie on registration time, then incumbency breaks the tie', () => {
    const decision = evaluatePolicy(
      policy(),
      1,
      facts({
        incumbent: true,
        conflicts: [conflict('competing_registration', 'warning')],
        competingClaims: [
          {
            registrationId: 'r-0',
            partnerId: 'p-other',
            status: 'submitted',
            submittedAt: '2026-03-01T00:00:00.000Z',
            incumbent: false,
            capabilityScore: 9,
          },
        ],
      }),
    );
    expect(decision).toMatchObject({ outcome: 'approve', tieBreak: { decidedBy: 'incumbent_partner' } });
  });

  it('When a policy repeats a rule id or asks for more than four fields, then it is invalid', () => {
    expect(() =>
      policy({
        rules: [
          { id: 'X', reason: 'x', when: { noConflicts: true }, then: { decision: 'approve' } },
          { id: 'X', reason: 'y', when: { noConflicts: true }, then: { decision: 'approve' } },
        ],
      }),
    ).toThrow(/duplicate rule id/);
    expect(() =>
      policy({ intake: { required: ['amountMinor', 'expectedCloseDate', 'notes', 'customer.country'] } }),
    ).toThrow();
  });
});
