import type { Registration } from '@entente/shared/domain';
import { CommonErrors, DomainError } from '@entente/shared/errors';
import {
  canAdjudicate,
  computeStakes,
  describeStakes,
  PENDING_STATUSES,
  PROTECTED_STATUSES,
  stakesOf,
} from '@entente/shared/governance';
import { linkDeal } from './governance/dealLinks.js';
import { gatherFacts } from './governance/gatherFacts.js';
import type { GovernanceDeps } from './registerDeal.js';

export type LinkInput = {
  tenantId: string;
  actorUserId: string;
  registrationId: string;
  dealId: string;
  reason?: string;
};

export type LinkResult = { registration: Registration; previousDealId: string | null; changed: boolean };

const LINKABLE = new Set<Registration['status']>([...PENDING_STATUSES, ...PROTECTED_STATUSES]);

/**
 * An approver says which deal a registration is about: when submission could not tell (several
 * open deals), when it guessed wrong, or when the deal was created later under another account.
 * Linking moves credit, so the same neutrality applies as to deciding: whoever owns or is credited
 * on the deal being linked, or on the one being unlinked, may not do it. Every link is audited; an
 * approved registration's partner is credited with sourcing the new deal and loses the old credit.
 */
export const linkRegistrationToDeal = async (deps: GovernanceDeps, input: LinkInput): Promise<LinkResult> => {
  const { store } = deps;
  const now = deps.now();
  const scoped = store.forTenant(input.tenantId);
  const registration = await scoped.registrations.get(input.registrationId);
  if (!registration) throw CommonErrors.notFound(`Registration ${input.registrationId}`);
  const deal = await scoped.deals.get(input.dealId);
  if (!deal) throw CommonErrors.notFound(`Deal ${input.dealId}`);
  if (!LINKABLE.has(registration.status))
    throw new DomainError(
      'REGISTRATION.NOT_LINKABLE',
      `A registration that is ${registration.status.replace('_', ' ')} cannot be linked to a deal; only pending or approved ones can.`,
      { details: { status: registration.status } },
    );

  const actor = await scoped.users.get(input.actorUserId);
  if (!actor) throw CommonErrors.forbidden(`User ${input.actorUserId} is not a user of this tenant`);
  const previous = registration.dealId ? await scoped.deals.get(registration.dealId) : undefined;
  const facts = await gatherFacts(store, scoped, { ...registration, dealId: deal.id }, now);
  const stakes = [
    ...facts.stakes,
    ...(previous
      ? computeStakes({ conflicts: [], claimedDeal: previous, deals: [], accounts: [], partners: [] })
      : []),
  ];
  const own = stakesOf(actor.id, stakes);
  if (own.length > 0)
    throw new DomainError(
      'GOVERNANCE.NOT_NEUTRAL',
      `${actor.name} cannot link this registration: ${describeStakes(own)}.`,
    );
  if (!canAdjudicate(actor))
    throw CommonErrors.forbidden(
      `User ${input.actorUserId} is not a partner manager, deal desk member or admin`,
    );

  if (registration.dealId === deal.id) return { registration, previousDealId: deal.id, changed: false };
  const linked = await store.inTransaction(input.tenantId, async (tx) => {
    await tx.governance.lock(registration.id);
    const current = await tx.registrations.get(registration.id);
    // Decided, withdrawn or linked by someone else between our read and our lock: read again.
    if (current?.status !== registration.status || current.dealId !== registration.dealId)
      throw CommonErrors.conflict(
        'REGISTRATION.CHANGED',
        'The registration changed while it was being linked; reload it and try again.',
      );
    return linkDeal(tx, current, deal, {
      actor: actor.id,
      linkedBy: 'approver',
      reason: input.reason ?? `linked by ${actor.name}`,
      now,
    });
  });
  return { registration: linked, previousDealId: registration.dealId, changed: true };
};
