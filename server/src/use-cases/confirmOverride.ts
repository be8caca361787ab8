import { CommonErrors, DomainError } from '@entente/shared/errors';
import { transition } from '@entente/shared/governance';
import { decisionTerms, recordDecision } from './governance/recordDecision.js';
import { followLinkedDeal, withdrawSourcingCredit } from './governance/dealLinks.js';
import { noteRegistration } from './governance/customerIndexes.js';
import { gatherFacts } from './governance/gatherFacts.js';
import { settleIncumbents } from './governance/incumbency.js';
import { dropOverride } from './governance/overrides.js';
import type { GovernanceDeps } from './registerDeal.js';
import { neutralAdjudicator, neutralityRecord } from './decideRegistration.js';

export type ConfirmOverrideInput = {
  tenantId: string;
  actorUserId: string;
  registrationId: string;
  /** Confirm the proposed override, or decline it (the automatic decision then stands). */
  decision: 'confirm' | 'decline';
  reason: string;
};

/**
 * The second pair of eyes: a different neutral person confirms (or declines) the override someone
 * proposed. Confirming applies the proposed outcome; the history names both people. The proposer
 * cannot confirm their own proposal, nobody with a stake may confirm, and a proposal past its due
 * time has lapsed even if its clock has not run yet.
 */
export const confirmOverride = async (deps: GovernanceDeps, input: ConfirmOverrideInput) => {
  const { store } = deps;
  const now = deps.now();
  const scoped = store.forTenant(input.tenantId);
  const registration = await scoped.registrations.get(input.registrationId);
  if (!registration) throw CommonErrors.notFound(`Registration ${input.registrationId}`);
  const state = await scoped.governance.get(registration.id);
  const pending = state?.pendingOverride;
  if (registration.status !== 'pending_second_approval' || !state || !pending)
    throw CommonErrors.conflict(
      'REGISTRATION.ILLEGAL_TRANSITION',
      `Registration ${registration.id} is ${registration.status.replace(/_/g, ' ')}; there is no override waiting for a second approver.`,
      { status: registration.status },
    );
  transition(registration.status, input.decision === 'confirm' ? pending.outcome : 'lapse_override');
  if (input.actorUserId === pending.proposedBy)
    throw new DomainError(
      'GOVERNANCE.SAME_APPROVER',
      'The person who proposed an override cannot also confirm it: a second, different person must.',
      { details: { proposedBy: pending.proposedBy } },
    );
  const facts = await gatherFacts(store, scoped, registration, now);
  const actor = await neutralAdjudicator(scoped, input.actorUserId, facts.stakes);
  if (Date.parse(pending.dueAt) <= now.getTime())
    throw new DomainError(
      'GOVERNANCE.OVERRIDE_LAPSED',
      `The proposed override lapsed at ${pending.dueAt} unconfirmed; the automatic decision stands. Propose it again if it is still wanted.`,
      { details: { dueAt: pending.dueAt } },
    );
  if (input.reason.trim().length < 1) throw CommonErrors.validation('A reason is required');

  const inForce = pending.outcome === 'approve' ? await scoped.policies.current(now) : undefined;
  const decided = await store.inTransaction(input.tenantId, async (tx) => {
    await tx.governance.lock(registration.id);
    const current = await tx.registrations.get(registration.id);
    const currentState = await tx.governance.get(registration.id);
    if (
      !current ||
      current.status !== 'pending_second_approval' ||
      currentState?.pendingOverride?.proposedAt !== pending.proposedAt
    )
      throw CommonErrors.conflict(
        'REGISTRATION.DECIDED_CONCURRENTLY',
        `The override on registration ${registration.id} was settled by someone else meanwhile; reload it.`,
        { status: current?.status ?? null },
      );
    if (input.decision === 'decline')
      return dropOverride(tx, {
        registration: current,
        state: { ...currentState, pendingOverride: pending },
        why: 'declined',
        actor: actor.id,
        reason: input.reason,
        now,
      });
    const policy = await tx.policies.get(currentState.policyVersion);
    const { registration: updated } = await recordDecision(tx, {
      registration: current,
      decision: { kind: 'override', outcome: pending.outcome },
      terms: decisionTerms(currentState, policy?.policy),
      state: { ...currentState, pendingOverride: null },
      record: {
        kind: 'override',
        outcome: pending.outcome,
        policyVersion: currentState.policyVersion,
        firedRules: currentState.firedRules,
        actorUserId: pending.proposedBy,
        secondApproverId: actor.id,
        reason: `${pending.reason} — confirmed: ${input.reason}`,
      },
      audit: {
        type: 'registration.overridden',
        actor: actor.id,
        payload: (after) => ({
          from: pending.fromStatus,
          status: after.status,
          outcome: pending.outcome,
          proposedBy: pending.proposedBy,
          proposedAt: pending.proposedAt,
          proposalReason: pending.reason,
          secondApproverId: actor.id,
          reason: input.reason,
          policyOutcome: currentState.outcome,
          policyVersion: currentState.policyVersion,
          neutralityChecked: neutralityRecord(facts.stakes),
          protectedUntil: after.protectedUntil,
        }),
      },
      now,
    });
    // Overturning an approval takes the partner's sourcing credit back; overturning a rejection
    // credits a deal the registration already has.
    if (inForce) await settleIncumbents(tx, updated, facts, inForce.policy, actor.id, now);
    if (updated.status === 'rejected' && updated.dealId)
      await withdrawSourcingCredit(tx, updated.id, updated.dealId, now);
    const linked = updated.dealId ? await tx.deals.get(updated.dealId) : undefined;
    return linked ? followLinkedDeal(tx, updated, linked, now) : updated;
  });
  noteRegistration(store, input.tenantId, decided);
  return {
    registration: decided,
    override: input.decision === 'confirm' ? ('confirmed' as const) : ('declined' as const),
  };
};
