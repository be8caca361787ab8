import { CommonErrors, DomainError } from '@entente/shared/errors';
import {
  canAdjudicate,
  describeStakes,
  stakesOf,
  transition,
  type IntakeField,
  type Stake,
  type WantedField,
} from '@entente/shared/governance';
import type { User } from '@entente/shared/domain';
import { decisionTerms, recordDecision } from './governance/recordDecision.js';
import { followLinkedDeal, linkDeal } from './governance/dealLinks.js';
import { noteRegistration } from './governance/customerIndexes.js';
import { gatherFacts } from './governance/gatherFacts.js';
import { settleIncumbents } from './governance/incumbency.js';
import { proposeOverride } from './governance/overrides.js';
import type { GovernanceDeps } from './registerDeal.js';

export type DecideInput = {
  tenantId: string;
  actorUserId: string;
  registrationId: string;
  outcome: 'approve' | 'reject' | 'request_info';
  reason: string;
  /** The deal the registration is about, when the approver links (or relinks) it while deciding. */
  dealId?: string;
  /** With `request_info`: the fields the reviewer wants, besides those the rules already want. */
  fields?: readonly IntakeField[];
};

/**
 * What a partner asked for more information must supply: the fields the rules could not judge
 * without, plus those the reviewer names (cited as the reviewer's, with their reason). A reviewer
 * who names none and has no rule wanting one asks a question the partner answers in the notes.
 */
export const requestedFields = (
  ruleWanted: readonly WantedField[],
  named: readonly IntakeField[],
  reason: string,
): WantedField[] => {
  const wanted = new Map(ruleWanted.map((w) => [w.field, w]));
  for (const field of named) if (!wanted.has(field)) wanted.set(field, { field, ruleId: 'reviewer', reason });
  if (wanted.size === 0) wanted.set('notes', { field: 'notes', ruleId: 'reviewer', reason });
  return [...wanted.values()];
};

export const notNeutral = (who: string, description: string) =>
  new DomainError('GOVERNANCE.NOT_NEUTRAL', `${who} cannot decide this registration: ${description}.`);

/** Whose stakes were checked, as the audit entry of a decision keeps them. */
export const neutralityRecord = (stakes: readonly Stake[]) =>
  stakes.map(({ userId, kind, recordId }) => ({ userId, kind, recordId }));

/** The acting user, when they may decide this registration: a neutral adjudicator of the tenant. */
export const neutralAdjudicator = async (
  scoped: { users: { get(id: string): Promise<User | undefined> } },
  userId: string,
  stakes: readonly Stake[],
): Promise<User> => {
  // Neutrality first: someone with a stake hears exactly why, whatever their role.
  const actor = await scoped.users.get(userId);
  if (!actor) throw CommonErrors.forbidden(`User ${userId} is not a user of this tenant`);
  const own = stakesOf(actor.id, stakes);
  if (own.length > 0) throw notNeutral(actor.name, describeStakes(own));
  if (!canAdjudicate(actor))
    throw CommonErrors.forbidden(`User ${userId} is not a partner manager, deal desk member or admin`);
  return actor;
};

/**
 * An internal user decides a registration under review. Nobody with a stake in the outcome may
 * decide. Going against what the rules of engagement decided automatically is an override: it
 * needs a written reason, and this request only proposes it; a second, different neutral person
 * confirms it in a request of their own (`confirmOverride`). Knows nothing about HTTP: the API and
 * the CRM cards both call it.
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
  transition(registration.status, isOverride ? 'propose_override' : input.outcome);

  const deal = input.dealId ? await scoped.deals.get(input.dealId) : undefined;
  if (input.dealId && !deal) throw CommonErrors.notFound(`Deal ${input.dealId}`);
  // With a link, the decider must also be neutral about the deal being linked.
  const facts = await gatherFacts(
    store,
    scoped,
    deal ? { ...registration, dealId: deal.id } : registration,
    now,
  );
  const actor = await neutralAdjudicator(scoped, input.actorUserId, facts.stakes);

  if (input.reason.trim().length < (isOverride ? 10 : 1))
    throw CommonErrors.validation(
      isOverride ? 'An override needs a written reason of at least 10 characters' : 'A reason is required',
    );
  if (input.fields?.length && input.outcome !== 'request_info')
    throw CommonErrors.validation('Fields can be asked for only when requesting information');
  if (isOverride && deal)
    throw CommonErrors.validation('Link the deal once the override is confirmed, not while proposing it');

  const policy = state ? await scoped.policies.get(state.policyVersion) : undefined;
  if (
    isOverride &&
    (await scoped.governance.decisions(registration.id)).some(
      (d) => d.kind === 'human' || d.kind === 'override',
    )
  )
    throw CommonErrors.conflict(
      'REGISTRATION.ILLEGAL_TRANSITION',
      'This registration was already decided by a person; it cannot be overturned again.',
    );

  // What happens to other partners' standing protection is the policy in force's to say.
  const inForce = input.outcome === 'approve' ? await scoped.policies.current(now) : undefined;
  const neutralityChecked = neutralityRecord(facts.stakes);
  const decided = await store.inTransaction(input.tenantId, async (tx) => {
    await tx.governance.lock(registration.id);
    const current = await tx.registrations.get(registration.id);
    // Someone else decided between our read and our lock: their decision stands, and this one,
    // made on what the registration was before, is refused rather than applied on top.
    if (!current || current.status !== registration.status)
      throw CommonErrors.conflict(
        'REGISTRATION.DECIDED_CONCURRENTLY',
        `Registration ${registration.id} was ${current?.status.replace(/_/g, ' ') ?? 'removed'} by someone else while this decision was being made; reload it and decide again if needed.`,
        { status: current?.status ?? null },
      );
    if (isOverride && state && input.outcome !== 'request_info')
      return (
        await proposeOverride(tx, {
          registration: current,
          state,
          outcome: input.outcome,
          proposedBy: actor.id,
          reason: input.reason,
          secondApprovalHours: policy?.policy.defaults.secondApprovalHours ?? 48,
          neutralityChecked,
          now,
        })
      ).registration;
    const { registration: updated } = await recordDecision(tx, {
      registration: current,
      decision: { kind: 'human', outcome: input.outcome },
      terms: decisionTerms(state, policy?.policy),
      ...(state && input.outcome === 'request_info'
        ? {
            state: {
              ...state,
              wantedFields: requestedFields(state.wantedFields, input.fields ?? [], input.reason),
            },
          }
        : {}),
      record: {
        kind: 'human',
        outcome: input.outcome,
        policyVersion: state?.policyVersion ?? null,
        firedRules: state?.firedRules ?? [],
        actorUserId: actor.id,
        secondApproverId: null,
        reason: input.reason,
      },
      audit: {
        type: 'registration.decided',
        actor: actor.id,
        payload: (after) => ({
          from: registration.status,
          status: after.status,
          outcome: input.outcome,
          reason: input.reason,
          policyOutcome,
          policyVersion: state?.policyVersion ?? null,
          neutralityChecked,
          protectedUntil: after.protectedUntil,
        }),
      },
      now,
    });
    if (inForce) await settleIncumbents(tx, updated, facts, inForce.policy, actor.id, now);
    if (deal)
      return linkDeal(tx, updated, deal, {
        actor: actor.id,
        linkedBy: 'approver',
        reason: input.reason,
        now,
      });
    // Approving a registration that already has its deal credits the partner with sourcing it.
    const linked = updated.dealId ? await tx.deals.get(updated.dealId) : undefined;
    return linked ? followLinkedDeal(tx, updated, linked, now) : updated;
  });
  noteRegistration(store, input.tenantId, decided);
  return { registration: decided, override: isOverride ? ('proposed' as const) : null };
};
