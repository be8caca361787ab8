import { CommonErrors } from '@entente/shared/errors';
import type { AppContext } from '../../appContext.js';
import { confirmOverride } from '../confirmOverride.js';
import { decideRegistration } from '../decideRegistration.js';
import { type CardCaller, requireLinkedUser } from './cardRequest.js';

export type CardDecision = {
  outcome: 'approve' | 'reject' | 'request_info';
  reason: string;
  dealId?: string | undefined;
};

const MESSAGES = {
  approved: 'Approved. The partner is told at once and the protection window has started.',
  rejected: 'Rejected. The partner is told, with your reason.',
  info_requested: 'The partner has been asked for more information; the clock restarts when they answer.',
} as Record<string, string>;

/**
 * A partner manager decides in the card. The signed HubSpot user is mapped to the Entente user,
 * and the governance use case checks neutrality and the rules; going against an automatic decision
 * only proposes the override, which a second person confirms from their own card. Its errors
 * (403 GOVERNANCE.NOT_NEUTRAL, ...) go back to the card unchanged.
 */
export const decideFromCard = async (
  ctx: AppContext,
  caller: CardCaller,
  registrationId: string,
  decision: CardDecision,
) => {
  // Another portal's registration is not found, whoever asks.
  if (!(await caller.scoped.registrations.get(registrationId)))
    throw CommonErrors.notFound(`Registration ${registrationId}`);
  const user = requireLinkedUser(caller);
  // A card sits on a HubSpot record, so it names the deal by its HubSpot id; Entente's id works too.
  const deal = decision.dealId
    ? ((await caller.scoped.deals.findByCrmId(decision.dealId)) ??
      (await caller.scoped.deals.get(decision.dealId)))
    : undefined;
  if (decision.dealId && !deal) throw CommonErrors.notFound(`Deal ${decision.dealId}`);
  const { registration, override } = await decideRegistration(ctx, {
    tenantId: caller.tenantId,
    actorUserId: user.id,
    registrationId,
    outcome: decision.outcome,
    reason: decision.reason,
    ...(deal ? { dealId: deal.id } : {}),
  });
  return {
    registrationId: registration.id,
    status: registration.status,
    /** True when this request proposed an override, which waits for a second person. */
    override: override === 'proposed',
    protectedUntil: registration.protectedUntil,
    message:
      override === 'proposed'
        ? 'Override proposed. A second neutral partner manager, deal desk member or admin must confirm it before it takes effect; until then the automatic decision stands.'
        : (MESSAGES[registration.status] ?? `The registration is now ${registration.status}.`),
  };
};

const SETTLED = {
  confirmed: 'Override confirmed. Both of you are recorded on the decision.',
  declined: 'Override declined. The automatic decision stands.',
};

/** The second person confirms (or declines) an override proposed by someone else, from their card. */
export const confirmOverrideFromCard = async (
  ctx: AppContext,
  caller: CardCaller,
  registrationId: string,
  input: { decision: 'confirm' | 'decline'; reason: string },
) => {
  if (!(await caller.scoped.registrations.get(registrationId)))
    throw CommonErrors.notFound(`Registration ${registrationId}`);
  const user = requireLinkedUser(caller);
  const { registration, override } = await confirmOverride(ctx, {
    tenantId: caller.tenantId,
    actorUserId: user.id,
    registrationId,
    ...input,
  });
  return {
    registrationId: registration.id,
    status: registration.status,
    override,
    protectedUntil: registration.protectedUntil,
    message: SETTLED[override],
  };
};
