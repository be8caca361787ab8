import { CommonErrors, DomainError } from '@entente/shared/errors';
import { transition } from '@entente/shared/governance';
import { scheduleProtection } from './governance/clocks.js';
import { getPolicy } from '../store/repositories/policies.js';
import { partnerView } from './governance/registrationViews.js';
import type { GovernanceDeps } from './registerDeal.js';

const DAY_MS = 86_400_000;

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
    const policy = state && (await getPolicy(tx.governance.db, input.tenantId, state.policyVersion));
    const status = transition(registration.status, 'extend');
    if (!state || !policy || !registration.protectedUntil)
      throw refuse('This registration has no protection window to extend.');
    const limits = policy.policy.extensions;
    if (state.extensionsUsed >= limits.maxCount)
      throw refuse(`The rules allow ${limits.maxCount} extension(s) and ${state.extensionsUsed} were used.`);
    const opensAt = Date.parse(registration.protectedUntil) - limits.requestWithinDays * DAY_MS;
    if (now.getTime() < opensAt)
      throw refuse(
        `Extensions can be requested from ${new Date(opensAt).toISOString()}, ${limits.requestWithinDays} days before the window ends.`,
      );
    const protectedUntil = new Date(
      Date.parse(registration.protectedUntil) + limits.days * DAY_MS,
    ).toISOString();
    const updated = { ...registration, status, protectedUntil };
    const nextState = { ...state, extensionsUsed: state.extensionsUsed + 1 };
    await tx.registrations.upsert(updated);
    await tx.governance.save(nextState);
    await tx.governance.addDecision({
      registrationId: registration.id,
      kind: 'extension',
      outcome: 'extended',
      policyVersion: state.policyVersion,
      firedRules: [],
      actorUserId: null,
      secondApproverId: null,
      reason: `Extended by ${limits.days} days within the policy's limit of ${limits.maxCount}`,
      decidedAt: now.toISOString(),
    });
    await tx.governance.appendAudit({
      type: 'registration.extended',
      actor: `partner:${input.partnerId}`,
      subject: `registration:${registration.id}`,
      payload: {
        from: registration.protectedUntil,
        to: protectedUntil,
        extensionsUsed: nextState.extensionsUsed,
      },
      at: now,
    });
    await scheduleProtection(
      tx.governance.db,
      input.tenantId,
      registration.id,
      protectedUntil,
      policy.policy.defaults.reminderDaysBeforeExpiry,
      now,
    );
    return partnerView(updated, nextState);
  });
};
