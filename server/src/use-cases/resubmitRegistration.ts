import type { Registration } from '@entente/shared/domain';
import { CommonErrors, DomainError } from '@entente/shared/errors';
import {
  assertPlausibleIntake,
  type IntakeField,
  type IntakeValues,
  type WantedField,
} from '@entente/shared/governance';
import { noteRegistration } from './governance/customerIndexes.js';
import { evaluateClaim, recordPolicyDecision } from './governance/policyDecision.js';
import { decisionTerms, recordDecision } from './governance/recordDecision.js';
import { partnerView, type PartnerRegistrationView } from './governance/registrationViews.js';
import type { GovernanceDeps } from './registerDeal.js';

/** What a partner may send back: any intake field, but only those it was asked for are accepted. */
export type ResubmittedValues = {
  customer?: Partial<IntakeValues['customer']>;
  amountMinor?: number;
  expectedCloseDate?: string;
  notes?: string;
};

/** The intake fields a PATCH body supplies, by the names the policy uses for them. */
const suppliedFields = (values: ResubmittedValues): string[] => [
  ...Object.entries(values.customer ?? {})
    .filter(([, value]) => value !== undefined)
    .map(([key]) => `customer.${key}`),
  ...(['amountMinor', 'expectedCloseDate', 'notes'] as const).filter((key) => values[key] !== undefined),
];

const merged = (registration: Registration, values: ResubmittedValues): Registration => ({
  ...registration,
  customer: { ...registration.customer, ...values.customer },
  amountMinor: values.amountMinor ?? registration.amountMinor,
  currency: values.amountMinor !== undefined ? (registration.currency ?? 'USD') : registration.currency,
  expectedCloseDate: values.expectedCloseDate ?? registration.expectedCloseDate,
  notes: values.notes ?? registration.notes,
});

/**
 * Progressive profiling: a partner asked for more information supplies exactly the fields that were
 * wanted (and only those), and the claim is judged again under the policy in force. It keeps its
 * place in first-to-register order (its submission time does not move), and a review it goes to
 * starts a fresh clock with a neutral reviewer.
 */
export const resubmitRegistration = async (
  deps: GovernanceDeps,
  input: { tenantId: string; partnerId: string; registrationId: string; values: ResubmittedValues },
): Promise<PartnerRegistrationView> => {
  const { store } = deps;
  const now = deps.now();
  const scoped = store.forTenant(input.tenantId);
  const registration = await scoped.registrations.get(input.registrationId);
  // Another partner's registration does not exist, as far as this partner can tell.
  if (!registration || registration.partnerId !== input.partnerId)
    throw CommonErrors.notFound(`Registration ${input.registrationId}`);
  const state = await scoped.governance.get(registration.id);
  if (registration.status !== 'info_requested' || !state)
    throw CommonErrors.conflict(
      'REGISTRATION.NOT_AWAITING_INFO',
      `Registration ${registration.id} is ${registration.status.replace(/_/g, ' ')}; only a registration asked for more information can be updated.`,
      { status: registration.status },
    );
  const wanted = new Map<string, WantedField>(state.wantedFields.map((w) => [w.field, w]));
  const supplied = suppliedFields(input.values);
  const notRequested = supplied.filter((field) => !wanted.has(field));
  if (supplied.length === 0 || notRequested.length > 0)
    throw new DomainError(
      'REGISTRATION.FIELDS_NOT_REQUESTED',
      supplied.length === 0
        ? `Supply the fields that were asked for: ${[...wanted.keys()].join(', ')}.`
        : `These fields were not asked for: ${notRequested.join(', ')}. Asked for: ${[...wanted.keys()].join(', ')}.`,
      {
        details: {
          notRequested,
          wanted: state.wantedFields.map(({ field, ruleId, reason }) => ({ field, ruleId, reason })),
        },
      },
    );
  const claim = merged(registration, input.values);
  const values: IntakeValues = {
    customer: claim.customer,
    amountMinor: claim.amountMinor,
    expectedCloseDate: claim.expectedCloseDate,
    notes: claim.notes,
  };
  // Judged against when it was first submitted, as the close-date window was then.
  assertPlausibleIntake(values, new Date(registration.submittedAt));

  const inForce = await scoped.policies.current(now);
  const answered = supplied as IntakeField[];
  // Judged before the transaction, as a new claim is: the facts come through the shared indexes.
  const evaluated = await evaluateClaim(
    store,
    scoped,
    { ...claim, status: 'submitted' },
    inForce,
    state,
    now,
  );
  const result = await store.inTransaction(input.tenantId, async (tx) => {
    await tx.governance.lock(registration.id);
    const current = await tx.registrations.get(registration.id);
    if (current?.status !== 'info_requested')
      throw CommonErrors.conflict(
        'REGISTRATION.NOT_AWAITING_INFO',
        `Registration ${registration.id} changed while it was being updated; reload it.`,
        { status: current?.status ?? null },
      );
    const { registration: resubmitted } = await recordDecision(tx, {
      registration: { ...current, ...claim, status: current.status },
      decision: { kind: 'resubmission' },
      terms: decisionTerms(state, inForce.policy),
      record: {
        kind: 'resubmission',
        outcome: 'resubmitted',
        policyVersion: inForce.version,
        firedRules: [],
        actorUserId: null,
        secondApproverId: null,
        reason: `Supplied ${answered.join(', ')}`,
      },
      audit: {
        type: 'registration.resubmitted',
        actor: `partner:${input.partnerId}`,
        payload: () => ({
          supplied: answered,
          wantedBy: answered.map((field) => ({ field, ruleId: wanted.get(field)!.ruleId })),
        }),
      },
      now,
    });
    return recordPolicyDecision(tx, resubmitted, evaluated, now);
  });
  noteRegistration(store, input.tenantId, result.registration);
  return partnerView(result.registration, result.state);
};
