import { CommonErrors, DomainError } from '@entente/shared/errors';
import { extensionRefusal, transition } from '@entente/shared/governance';
import { decisionTerms, recordDecision } from './governance/recordDecision.js';
import { partnerView } from './governance/registrationViews.js';
import type { GovernanceDeps } from './registerDeal.js';

const refuse = (message: string) => new DomainError('REGISTRATION.EXTENSION_NOT_ALLOWED', message);

/**
 * A partner asks to extend its protection window. The limits are those of the policy version the
 * registration was decided under: a later, stricter policy does not take back what was promised.
 */
export const requestExtension = async (
  deps: GovernanceDeps,
  input: { tenantId: string; partnerId: string; registrationId: string },
) => {
  const now = deps.now();
  return deps.store.inTransaction(input.tenantId, async (tx) => {
    await tx.governance.lock(input.registrationId);
    const registration = await tx.registrations.get(input.registrationId);
    if (!registration || registration.partnerId !== input.partnerId)
      throw CommonErrors.notFound(`Registration ${input.registrationId}`);
    const state = await tx.governance.get(registration.id);
    const policy = state && (await tx.policies.get(state.policyVersion));
    transition(registration.status, 'extend');
    if (!state || !policy) throw refuse('This registration has no protection window to extend.');
    const limits = policy.policy.extensions;
    const refusal = extensionRefusal(
      registration.protectedUntil,
      { ...limits, used: state.extensionsUsed },
      now,
    );
    if (refusal) throw refuse(refusal);
    const nextState = { ...state, extensionsUsed: state.extensionsUsed + 1 };
    const { registration: updated } = await recordDecision(tx, {
      registration,
      decision: { kind: 'extension' },
      terms: decisionTerms(state, policy.policy),
      state: nextState,
      record: {
        kind: 'extension',
        outcome: 'extended',
        policyVersion: state.policyVersion,
        firedRules: [],
        actorUserId: null,
        secondApproverId: null,
        reason: `Extended by ${limits.days} days within the policy's limit of ${limits.maxCount}`,
      },
      audit: {
        type: 'registration.extended',
        actor: `partner:${input.partnerId}`,
        payload: (after) => ({
          from: registration.protectedUntil,
          to: after.protectedUntil,
          extensionsUsed: nextState.extensionsUsed,
        }),
      },
      now,
    });
    return partnerView(updated, nextState);
  });
};
