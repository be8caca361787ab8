import { CommonErrors } from '@entente/shared/errors';
import { noteRegistration } from './governance/customerIndexes.js';
import { withdrawSourcingCredit } from './governance/dealLinks.js';
import { decisionTerms, recordDecision } from './governance/recordDecision.js';
import { partnerView } from './governance/registrationViews.js';
import type { GovernanceDeps } from './registerDeal.js';

/**
 * A partner withdraws its own registration; possible until a decision is made. Whatever sourcing
 * credit it held on its deal goes with it.
 */
export const withdrawRegistration = async (
  deps: GovernanceDeps,
  input: { tenantId: string; partnerId: string; registrationId: string },
) => {
  const now = deps.now();
  return deps.store.inTransaction(input.tenantId, async (tx) => {
    await tx.governance.lock(input.registrationId);
    const registration = await tx.registrations.get(input.registrationId);
    // Another partner's registration does not exist, as far as this partner can tell.
    if (!registration || registration.partnerId !== input.partnerId)
      throw CommonErrors.notFound(`Registration ${input.registrationId}`);
    const state = await tx.governance.get(registration.id);
    const { registration: updated } = await recordDecision(tx, {
      registration,
      decision: { kind: 'withdrawal' },
      terms: decisionTerms(state, undefined),
      record: {
        kind: 'withdrawal',
        outcome: 'withdrawn',
        policyVersion: null,
        firedRules: [],
        actorUserId: null,
        secondApproverId: null,
        reason: 'Withdrawn by the partner',
      },
      audit: {
        type: 'registration.withdrawn',
        actor: `partner:${input.partnerId}`,
        payload: () => ({ from: registration.status }),
      },
      now,
    });
    // Pending registrations carry no credit yet; this keeps it so should that ever change.
    if (registration.dealId) await withdrawSourcingCredit(tx, registration.id, registration.dealId, now);
    noteRegistration(deps.store, input.tenantId, updated);
    return partnerView(updated, state);
  });
};
