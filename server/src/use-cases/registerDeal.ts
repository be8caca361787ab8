import { randomUUID } from 'node:crypto';
import type { Registration } from '@entente/shared/domain';
import { DomainError } from '@entente/shared/errors';
import { assertPlausibleIntake, missingRequiredFields, type IntakeValues } from '@entente/shared/governance';
import { noteRegistration } from './governance/customerIndexes.js';
import { evaluateClaim, recordPolicyDecision } from './governance/policyDecision.js';
import { assertOpenSession, closeIntakeSession } from './intakeSessions.js';
import { partnerView, type PartnerRegistrationView } from './governance/registrationViews.js';
import type { Store } from '../store/store.js';
import type { Metrics } from '../observability/metrics.js';
import { reportRequiredFields } from '../observability/intakeMetric.js';

export type GovernanceDeps = { store: Store; now: () => Date; metrics?: Metrics };

/**
 * A partner registers a deal. We check the few required fields, look for conflicts, apply the rules
 * of engagement and decide at once: approve (with a protection window), reject, or send to a neutral
 * reviewer with a due time. The partner hears the outcome and its reasons in the response.
 */
export const registerDeal = async (
  deps: GovernanceDeps,
  input: {
    tenantId: string;
    partnerId: string;
    values: IntakeValues;
    id?: string;
    /** The intake session the partner's form opened, which this submission closes. */
    intakeSessionId?: string;
  },
): Promise<PartnerRegistrationView> => {
  const { store } = deps;
  const now = deps.now();
  assertPlausibleIntake(input.values, now);
  const { version, policy } = await store.forTenant(input.tenantId).policies.current(now);
  if (deps.metrics) reportRequiredFields(deps.metrics, input.tenantId, policy);
  const missing = missingRequiredFields(policy, input.values);
  if (missing.length > 0)
    throw new DomainError('REGISTRATION.MISSING_FIELDS', `These fields are required: ${missing.join(', ')}`, {
      details: { missing },
    });

  const scoped = store.forTenant(input.tenantId);
  if (input.intakeSessionId) await assertOpenSession(scoped, input.partnerId, input.intakeSessionId);
  const draft: Registration = {
    id: input.id ?? `reg-${randomUUID()}`,
    partnerId: input.partnerId,
    customer: input.values.customer,
    accountId: null,
    dealId: null,
    status: 'submitted',
    amountMinor: input.values.amountMinor ?? null,
    currency: input.values.amountMinor != null ? 'USD' : null,
    expectedCloseDate: input.values.expectedCloseDate ?? null,
    notes: input.values.notes ?? null,
    submittedAt: now.toISOString(),
    decidedAt: null,
    protectedUntil: null,
  };
  const evaluated = await evaluateClaim(
    store,
    scoped,
    draft,
    { version, policy },
    { extensionsUsed: 0 },
    now,
  );
  const { registration, state } = await store.inTransaction(input.tenantId, async (tx) => {
    await closeIntakeSession(tx, {
      partnerId: input.partnerId,
      ...(input.intakeSessionId ? { sessionId: input.intakeSessionId } : {}),
      registrationId: draft.id,
      values: input.values,
      at: now,
    });
    return recordPolicyDecision(tx, draft, evaluated, now);
  });
  noteRegistration(store, input.tenantId, registration);
  return partnerView(registration, state);
};
