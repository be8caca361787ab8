import { CommonErrors, DomainError } from '@entente/shared/errors';
import { canAdjudicate, describeStakes, stakesOf, transition } from '@entente/shared/governance';
import { decisionTerms, recordDecision } from './governance/recordDecision.js';
import { followLinkedDeal, linkDeal, withdrawSourcingCredit } from './governance/dealLinks.js';
import { noteRegistration } from './governance/customerIndexes.js';
import { gatherFacts } from './governance/gatherFacts.js';
import type { GovernanceDeps } from './registerDeal.js';

export type DecideInput = {
  tenantId: string;
  actorUserId: string;
  registrationId: string;
  outcome: 'approve' | 'reject' | 'request_info';
  reason: string;
  /** Deciding against the policy's outcome needs a second, different neutral approver. */
  override?: { secondApproverId: string };
  /** The deal the registration is about, when the approver links (or relinks) it while deciding. */
  dealId?: string;
};

const notNeutral = (who: string, description: string) =>
  new DomainError('GOVERNANCE.NOT_NEUTRAL', `${who} cannot decide this registration: ${description}.`);

/**
 * An internal user decides a registration under review. Nobody with a stake in the outcome may
 * decide; going against what the rules of engagement said is an override and needs a second neutral
 * person and a written reason. Knows nothing about HTTP: the API and the CRM cards both call it.
 */
export const decideRegistration = async (deps: GovernanceDeps, input: DecideInput) => {
  const { store } = deps;
  const now = deps.now();
  const scoped = store.forTenant(input.tenantId);
  const registration = await scoped.registrations.get(input.registrationId);
  if (!registration) throw CommonErrors.notFound(`Registration ${input.registrationId}`);
  const state = await scoped.governance.get(registration.id);
  const policyOutcome = state?.outcome ?? 'review';
  // Overturning what the rules decided automatically is an override: four eyes and a reason.
  const automatic =
    (registration.status === 'approved' && policyOutcome === 'approve') ||
    (registration.status === 'rejected' && policyOutcome === 'reject');
  const isOverride = automatic && input.outcome !== 'request_info' && input.outcome !== policyOutcome;
  // Refuse an edge the lifecycle does not have before anything else is checked.
  transition(registration.status, isOverride ? 'overturn' : input.outcome);

  const deal = input.dealId ? await scoped.deals.get(input.dealId) : undefined;
  if (input.dealId && !deal) throw CommonErrors.notFound(`Deal ${input.dealId}`);
  // With a link, the decider must also be neutral about the deal being linked.
  const facts = await gatherFacts(
    store,
    scoped,
    deal ? { ...registration, dealId: deal.id } : registration,
    now,
  );
  // Neutrality first: someone with a stake hears exactly why, whatever their role.
  const actor = await scoped.users.get(input.actorUserId);
  if (!actor) throw CommonErrors.forbidden(`User ${input.actorUserId} is not a user of this tenant`);
  const own = stakesOf(actor.id, facts.stakes);
  if (own.length > 0) throw notNeutral(actor.name, describeStakes(own));
  if (!canAdjudicate(actor))
    throw CommonErrors.forbidden(
      `User ${input.actorUserId} is not a partner manager, deal desk member or admin`,
    );

  if (isOverride || input.override) {
    if (!input.override)
      throw new DomainError(
        'GOVERNANCE.SECOND_APPROVER_REQUIRED',
        `The rules of engagement said "${policyOutcome}"; deciding "${input.outcome}" overrides them and needs a second neutral approver and a written reason.`,
        { details: { policyOutcome, firedRules: state?.firedRules ?? [] } },
      );
    const second = await scoped.users.get(input.override.secondApproverId);
    if (!second || second.id === actor.id || !canAdjudicate(second))
      throw new DomainError(
        'GOVERNANCE.SECOND_APPROVER_INVALID',
        'The second approver must be a different partner manager, deal desk member or admin.',
      );
    const secondStakes = stakesOf(second.id, facts.stakes);
    if (secondStakes.length > 0) throw notNeutral(second.name, describeStakes(secondStakes));
  }
  if (input.reason.trim().length < (isOverride ? 10 : 1))
    throw CommonErrors.validation(
      isOverride ? 'An override needs a written reason of at least 10 characters' : 'A reason is required',
    );

  const policy = state ? await scoped.policies.get(state.policyVersion) : undefined;
  if (isOverride && (await scoped.governance.decisions(registration.id)).some((d) => d.kind !== 'policy'))
    throw CommonErrors.conflict(
      'REGISTRATION.ILLEGAL_TRANSITION',
      'This registration was already decided by a person; it cannot be overturned again.',
    );

  const decided = await store.inTransaction(input.tenantId, async (tx) => {
    await tx.governance.lock(registration.id);
    const current = await tx.registrations.get(registration.id);
    // Someone else decided between our read and our lock: their decision stands, and this one,
    // made on what the registration was before, is refused rather than applied on top.
    if (!current || current.status !== registration.status)
      throw CommonErrors.conflict(
        'REGISTRATION.DECIDED_CONCURRENTLY',
        `Registration ${registration.id} was ${current?.status.replace('_', ' ') ?? 'removed'} by someone else while this decision was being made; reload it and decide again if needed.`,
        { status: current?.status ?? null },
      );
    const { registration: updated } = await recordDecision(tx, {
      registration: current,
      decision: isOverride ? { kind: 'override' } : { kind: 'human', outcome: input.outcome },
      terms: decisionTerms(state, policy?.policy),
      record: {
        kind: isOverride ? 'override' : 'human',
        outcome: input.outcome,
        policyVersion: state?.policyVersion ?? null,
        firedRules: state?.firedRules ?? [],
        actorUserId: actor.id,
        secondApproverId: input.override?.secondApproverId ?? null,
        reason: input.reason,
      },
      audit: {
        type: isOverride ? 'registration.overridden' : 'registration.decided',
        actor: actor.id,
        payload: (after) => ({
          from: registration.status,
          status: after.status,
          outcome: input.outcome,
          reason: input.reason,
          policyOutcome,
          policyVersion: state?.policyVersion ?? null,
          secondApproverId: input.override?.secondApproverId ?? null,
          neutralityChecked: facts.stakes.map((s) => ({
            userId: s.userId,
            kind: s.kind,
            recordId: s.recordId,
          })),
          protectedUntil: after.protectedUntil,
        }),
      },
      now,
    });
    if (deal)
      return linkDeal(tx, updated, deal, {
        actor: actor.id,
        linkedBy: 'approver',
        reason: input.reason,
        now,
      });
    // Approving a registration that already has its deal credits the partner with sourcing it;
    // overturning an approval takes the credit back.
    if (isOverride && updated.status === 'rejected' && updated.dealId)
      await withdrawSourcingCredit(tx, updated.id, updated.dealId, now);
    const linked = updated.dealId ? await tx.deals.get(updated.dealId) : undefined;
    return linked ? followLinkedDeal(tx, updated, linked, now) : updated;
  });
  noteRegistration(store, input.tenantId, decided);
  return { registration: decided, override: isOverride };
};
