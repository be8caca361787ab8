import {
  formatShareBp,
  transitionDispute,
  type Dispute,
  type DisputeEvent,
  type DisputeRemedy,
} from '@entente/shared/attribution';
import type { Deal } from '@entente/shared/domain';
import { CommonErrors } from '@entente/shared/errors';
import { canAdjudicate } from '@entente/shared/governance';
import type { AppContext } from '../appContext.js';
import type { StoredAttribution } from '../store/repositories/attribution/dealAttributions.js';
import type { TenantStore } from '../store/store.js';
import { participantNames } from './attribution/attributableDeals.js';
import { auditAttribution } from './attribution/audit.js';
import type { ComputedAttribution } from './attribution/computeAttribution.js';
import { assertNeutral, disputeStakes } from './attribution/disputeStakes.js';
import { day, recordCreditHistory } from './attribution/history.js';
import { parseRemedy, remedied } from './attribution/remedies.js';
import { inAttributionTransaction } from './attribution/transaction.js';
import { attributionSummary, requestAttributionWriteBack } from './attribution/writeBack.js';

export type AdjudicationAction = 'start_review' | 'uphold' | 'reject';

export type AdjudicateInput = {
  dealId: string;
  disputeId: string;
  actorUserId: string;
  action: AdjudicationAction;
  reason: string;
  /** Upholding a dispute that names no remedy: the adjudicator's (`disputeRemedySchema`). */
  remedy?: unknown;
};

/**
 * A neutral partner manager, deal-desk member or admin takes a dispute into review and decides it.
 * Anyone with a stake in the deal's credit is refused (403 GOVERNANCE.NOT_NEUTRAL, naming the
 * stake), whatever their role; then anyone without an adjudicating role (403). Upholding applies the
 * remedy as the deal's next attribution revision, in one transaction with the dispute's new state,
 * the audit entry, a line of the deal's credit history and the CRM write-back of the new summary.
 */
export const adjudicateAttributionDispute = async (
  ctx: AppContext,
  tenantId: string,
  input: AdjudicateInput,
): Promise<Dispute> => {
  const tenant = ctx.store.forTenant(tenantId);
  const [deal, actor, partners, finalised, settings, found] = await Promise.all([
    tenant.deals.get(input.dealId),
    tenant.users.get(input.actorUserId),
    tenant.partners.list(),
    tenant.attribution.dealAttributions.get(input.dealId),
    tenant.attribution.settings.current(),
    tenant.attribution.disputes.get(input.disputeId),
  ]);
  if (!deal || !finalised || found?.dealId !== input.dealId)
    throw CommonErrors.notFound(`Dispute ${input.disputeId}`);
  if (!actor?.active) throw CommonErrors.forbidden('Only an active internal user can adjudicate a dispute');
  if (input.action !== 'uphold' && input.remedy !== undefined)
    throw CommonErrors.validation('A remedy is named only when upholding a dispute');
  const named = input.action === 'uphold' ? parseRemedy(input.remedy, { raisedBy: null, partners }) : null;
  const touchedBy = [
    ...new Set((await tenant.attribution.touchpoints.listByDeal(deal.id)).map((t) => t.participantId)),
  ];
  const checkAdjudicator = (dispute: Dispute, on: StoredAttribution) => {
    // The remedy the adjudicator would apply is part of the stake: its partners gain or lose by it.
    const judged = named && !dispute.remedy ? { ...dispute, remedy: named } : dispute;
    const participants = [...on.result.splits.map((split) => split.participantId), ...touchedBy];
    assertNeutral(actor.id, disputeStakes(deal, judged, participants, partners));
    if (!canAdjudicate(actor))
      throw CommonErrors.forbidden(
        `User ${actor.id} is not a partner manager, deal desk member or admin, who decide disputes`,
      );
  };
  checkAdjudicator(found, finalised);
  const now = ctx.now();
  // Worked out before the transaction: a data-driven model reads the tenant's history.
  const firstRemedy = found.remedy ?? named;
  const proposal =
    input.action === 'uphold' && found.state === 'under_review' && firstRemedy
      ? await remedied(tenant, {
          deal,
          finalised,
          settings,
          disputeId: found.id,
          remedy: firstRemedy,
          now,
        })
      : undefined;

  return inAttributionTransaction(ctx, tenantId, async (repos, tx) => {
    await repos.dealAttributions.lockDeal(deal.id);
    const dispute = await repos.disputes.getForUpdate(input.disputeId);
    const current = await repos.dealAttributions.get(deal.id);
    if (!dispute || dispute.dealId !== input.dealId || !current)
      throw CommonErrors.notFound(`Dispute ${input.disputeId}`);
    checkAdjudicator(dispute, current);
    const next = transitionDispute(dispute, toEvent(input, named), now.toISOString());
    if (next.state !== 'upheld') {
      await repos.disputes.update(next);
      await auditAttribution(tx, {
        type: `attribution.dispute_${next.state}`,
        actor: `user:${input.actorUserId}`,
        subject: `deal:${input.dealId}`,
        at: now,
        payload: {
          disputeId: next.id,
          participantId: next.participantId,
          from: dispute.state,
          to: next.state,
          reason: input.reason,
          attributionRevision: current.revision,
        },
      });
      return next;
    }
    const remedy = next.remedy as DisputeRemedy;
    // The credit moved since the proposal was worked out (finalised again): apply it to what is there now.
    const result =
      proposal && current.revision === finalised.revision
        ? proposal
        : await remedied(tx, { deal, finalised: current, settings, disputeId: next.id, remedy, now });
    return applyUpheld(tx, {
      deal,
      dispute,
      next,
      current,
      result,
      remedy,
      actorName: actor.name,
      input,
      now,
      // A new model is applied under today's settings; an adjudicated split stands on the old ones.
      settingsVersion: remedy.kind === 'model' ? settings.version : current.settingsVersion,
    });
  });
};

/** Stores the remedied credit as the next revision and tells the audit log, the history and the CRM. */
const applyUpheld = async (
  tx: TenantStore,
  {
    deal,
    dispute,
    next,
    current,
    result,
    remedy,
    actorName,
    input,
    now,
    settingsVersion,
  }: {
    deal: Deal;
    dispute: Dispute;
    next: Dispute;
    current: StoredAttribution;
    result: ComputedAttribution;
    remedy: DisputeRemedy;
    actorName: string;
    input: AdjudicateInput;
    now: Date;
    settingsVersion: number;
  },
): Promise<Dispute> => {
  const stored = await tx.attribution.dealAttributions.save({
    dealId: deal.id,
    model: result.model,
    settingsVersion,
    amountMinor: deal.amountMinor,
    currency: deal.currency,
    result,
    finalisedAt: now.toISOString(),
  });
  const applied: Dispute = { ...next, appliedRevision: stored.revision };
  await tx.attribution.disputes.update(applied);
  const nameOf = await participantNames(tx);
  const shares = (r: ComputedAttribution) =>
    r.splits.map((s) => `${nameOf(s.participantId)} ${formatShareBp(s.shareBp)}`).join(', ');
  await auditAttribution(tx, {
    type: 'attribution.dispute_upheld',
    actor: `user:${input.actorUserId}`,
    subject: `deal:${deal.id}`,
    at: now,
    payload: {
      disputeId: applied.id,
      participantId: applied.participantId,
      from: dispute.state,
      to: applied.state,
      reason: input.reason,
      remedy,
      attributionRevision: current.revision,
      revision: stored.revision,
      model: result.model,
      settingsVersion,
      splits: result.splits.map((s) => ({
        participantId: s.participantId,
        shareBp: s.shareBp,
        amountMinor: s.amountMinor,
        explanation: s.explanation,
      })),
    },
  });
  const raisedBy =
    applied.raisedBy.role === 'partner'
      ? nameOf(applied.raisedBy.id)
      : ((await tx.users.get(applied.raisedBy.id))?.name ?? applied.raisedBy.id);
  const what =
    remedy.kind === 'split'
      ? `split set to ${shares(result)}`
      : `attributed under ${remedy.model.name} from now on: ${shares(result)}`;
  await recordCreditHistory(tx, {
    dealId: deal.id,
    at: now,
    kind: 'dispute_upheld',
    participantId: applied.participantId,
    line: `Dispute ${applied.id} raised by ${raisedBy} was upheld on ${day(now)} by ${actorName} (“${input.reason}”): revision ${stored.revision} ${what} (was ${shares(current.result)})`,
    details: { disputeId: applied.id, revision: stored.revision, previousRevision: current.revision },
  });
  await requestAttributionWriteBack(tx, deal.id, now, attributionSummary(result, nameOf, settingsVersion));
  return applied;
};

const toEvent = (
  { action, actorUserId, reason }: AdjudicateInput,
  remedy: DisputeRemedy | null,
): DisputeEvent =>
  action === 'start_review'
    ? { type: 'start_review', adjudicatorId: actorUserId }
    : action === 'uphold'
      ? { type: 'uphold', adjudicatorId: actorUserId, reason, ...(remedy ? { remedy } : {}) }
      : { type: 'reject', adjudicatorId: actorUserId, reason };
