import { createHash } from 'node:crypto';
import { CommonErrors, DomainError } from '@entente/shared/errors';
import { canAdjudicate } from '@entente/shared/governance';
import {
  isPartnerOutcomeKind,
  partnerOutcomeKinds,
  type TierAssignment,
} from '@entente/shared/partner-value';
import type { AppContext } from '../appContext.js';
import type { StoredCustomerOutcome } from '../store/repositories/attribution/partnerProgram.js';
import { assessPartnerTier, tierOfRecord, type TierOfRecord } from './partnerValue/partnerTier.js';

export type PartnerOutcomeInput = {
  /** activation, adoption, co_sell or implementation; anything else is 422 OUTCOME.UNKNOWN_KIND. */
  kind: string;
  /** The deal it came of, when there is one. */
  dealId?: string;
  /** Identifies the outcome when there is no deal, or several of a kind on one deal. */
  externalId?: string;
  occurredAt?: string;
  /** Whether someone checked it with the customer; unverified outcomes count towards no tier. */
  verified?: boolean;
  /** The customer's satisfaction, 1 to 5. */
  csat?: number;
  note?: string;
};

export type RecordPartnerOutcomeInput = {
  tenantId: string;
  actorUserId: string;
  partnerId: string;
  outcome: PartnerOutcomeInput;
};

export type RecordedPartnerOutcome = {
  /** False when this outcome was already recorded: nothing changed. */
  recorded: boolean;
  outcome: StoredCustomerOutcome;
  /** The tier the partner holds afterwards, and whether this changed it. */
  tier: TierOfRecord & {
    changed: boolean;
    previousTier: string;
    next: TierAssignment['next'];
  };
};

const refuse = (
  code: 'OUTCOME.FORBIDDEN' | 'OUTCOME.UNKNOWN_KIND' | 'OUTCOME.UNKNOWN_DEAL',
  message: string,
) => new DomainError(code, message);

/**
 * An outcome is the same outcome when it is for the same partner, of the same kind, on the same deal
 * (or with the same external id): recording it again is a repeat, not a second outcome.
 */
export const internalOutcomeId = (
  partnerId: string,
  kind: string,
  dealId: string | undefined,
  externalId: string | undefined,
): string =>
  `oc-${createHash('sha256')
    .update(JSON.stringify([partnerId, kind, dealId ?? null, externalId ?? null]))
    .digest('hex')
    .slice(0, 24)}`;

/**
 * A partner manager, deal-desk member or admin records what a partner achieved for a customer
 * (activation, adoption, co-sell, implementation). The partner's own manager may not: the outcome
 * raises the tier of a partner they are paid on (403 GOVERNANCE.NOT_NEUTRAL). The outcome, its
 * `partner.outcome_recorded` audit entry and the partner's tier assessed again (stored, and audited
 * as `partner.tier_changed` when it moves) commit together. Recording the same outcome again changes
 * nothing.
 */
export const recordPartnerOutcome = async (
  ctx: Pick<AppContext, 'store' | 'now'>,
  input: RecordPartnerOutcomeInput,
): Promise<RecordedPartnerOutcome> => {
  const now = ctx.now();
  const tenant = ctx.store.forTenant(input.tenantId);
  const { outcome } = input;
  const actor = await tenant.users.get(input.actorUserId);
  if (!actor || !canAdjudicate(actor))
    throw refuse(
      'OUTCOME.FORBIDDEN',
      'Partner outcomes are recorded by an active partner manager, deal-desk member or admin',
    );
  const partner = await tenant.partners.get(input.partnerId);
  if (!partner) throw CommonErrors.notFound(`Partner ${input.partnerId}`);
  if (!isPartnerOutcomeKind(outcome.kind))
    throw refuse(
      'OUTCOME.UNKNOWN_KIND',
      `"${outcome.kind}" is not an outcome kind; the kinds are ${partnerOutcomeKinds.join(', ')}`,
    );
  if (partner.managerUserId === actor.id)
    throw new DomainError(
      'GOVERNANCE.NOT_NEUTRAL',
      `You cannot record outcomes for ${partner.name}: you manage it, and its tier rests on them`,
    );
  if (outcome.dealId !== undefined && !(await tenant.deals.get(outcome.dealId)))
    throw refuse('OUTCOME.UNKNOWN_DEAL', `Deal ${outcome.dealId} is not a deal of this tenant`);
  const occurredAt = outcome.occurredAt === undefined ? null : new Date(outcome.occurredAt).toISOString();
  if (occurredAt !== null && occurredAt > now.toISOString())
    throw CommonErrors.validation('occurredAt must not be in the future');

  const stored: StoredCustomerOutcome = {
    id: internalOutcomeId(partner.id, outcome.kind, outcome.dealId, outcome.externalId),
    partnerId: partner.id,
    kind: outcome.kind,
    dealId: outcome.dealId ?? null,
    verified: outcome.verified ?? true,
    csat: outcome.csat ?? null,
    note: outcome.note ?? null,
    source: 'internal',
    recordedBy: actor.id,
    occurredAt,
    recordedAt: now.toISOString(),
  };
  return ctx.store.inTransaction(input.tenantId, async (tx) => {
    // The tier assessment below locks the partner list; take it before the audit chain, as edits do.
    await tx.partners.lockForChanges();
    const recorded = await tx.attribution.partnerProgram.recordOutcome(stored);
    const kept = recorded ? stored : ((await tx.attribution.partnerProgram.getOutcome(stored.id)) ?? stored);
    const current = (await tx.partners.get(partner.id)) ?? partner;
    if (!recorded) {
      const record = await tierOfRecord(tx, current);
      return {
        recorded,
        outcome: kept,
        tier: {
          ...record,
          changed: false,
          previousTier: current.tier,
          next: record.assessment?.next ?? null,
        },
      };
    }
    await tx.governance.appendAudit({
      type: 'partner.outcome_recorded',
      actor: actor.id,
      subject: `partner:${partner.id}`,
      payload: {
        outcomeId: stored.id,
        kind: stored.kind,
        dealId: stored.dealId,
        verified: stored.verified,
        csat: stored.csat,
        occurredAt: stored.occurredAt,
        source: stored.source,
        ...(outcome.externalId === undefined ? {} : { externalId: outcome.externalId }),
      },
      at: now,
    });
    const assessed = await assessPartnerTier(
      tx,
      partner.id,
      { kind: 'outcome_recorded', outcomeIds: [stored.id], by: actor.id },
      now,
    );
    const after = (await tx.partners.get(partner.id)) ?? current;
    const record = await tierOfRecord(tx, after);
    return {
      recorded,
      outcome: kept,
      tier: {
        ...record,
        changed: assessed?.change.tierChanged ?? false,
        previousTier: assessed?.previousTier ?? current.tier,
        next: assessed?.assignment.next ?? null,
      },
    };
  });
};
