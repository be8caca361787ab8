import { DIRECT_PARTICIPANT_ID } from '@entente/shared/attribution';
import type { PartnerOutcomeKind } from '@entente/shared/partner-value';
import type { AppContext } from '../appContext.js';
import type { StoredCustomerOutcome } from '../store/repositories/attribution/partnerProgram.js';
import { computeAttribution } from './attribution/computeAttribution.js';
import { assessPartnerTier } from './partnerValue/partnerTier.js';

export type CrmOutcomeSignal = { kind: PartnerOutcomeKind; occurredAt: string | null; evidence: string };

/** One outcome per deal, kind and partner, however often the CRM shows the property set. */
export const crmOutcomeId = (dealId: string, kind: PartnerOutcomeKind, partnerId: string): string =>
  `oc-crm-${kind}-${dealId}-${partnerId}`;

/**
 * A deal's mapped CRM property says an outcome happened (a go-live date was set, a checkbox
 * ticked): record it, once, for each partner credited on the deal (a share of its finalised credit,
 * or of the credit the current settings give it when it is not finalised), as verified by the CRM,
 * audit it, and assess those partners' tiers again. A deal with no credited partner records nothing;
 * the next time the CRM shows it, it is looked at again.
 */
export const recordCrmOutcomes = async (
  ctx: AppContext,
  tenantId: string,
  input: { dealId: string; outcomes: readonly CrmOutcomeSignal[] },
): Promise<{ recorded: string[] }> => {
  const tenant = ctx.store.forTenant(tenantId);
  const deal = await tenant.deals.get(input.dealId);
  if (!deal) return { recorded: [] };
  const now = ctx.now();
  const finalised = await tenant.attribution.dealAttributions.get(deal.id);
  const credit =
    finalised?.result ??
    (await computeAttribution(tenant, deal, await tenant.attribution.settings.current(), now));
  const partners = new Set((await tenant.partners.list()).map((p) => p.id));
  const credited = [
    ...new Set(
      credit.splits
        .filter(
          (s) => s.participantId !== DIRECT_PARTICIPANT_ID && s.shareBp > 0 && partners.has(s.participantId),
        )
        .map((s) => s.participantId),
    ),
  ];
  if (credited.length === 0) return { recorded: [] };

  return ctx.store.inTransaction(tenantId, async (tx) => {
    await tx.partners.lockForChanges();
    const recorded: string[] = [];
    for (const partnerId of credited) {
      const mine: string[] = [];
      for (const signal of input.outcomes) {
        const outcome: StoredCustomerOutcome = {
          id: crmOutcomeId(deal.id, signal.kind, partnerId),
          partnerId,
          kind: signal.kind,
          dealId: deal.id,
          verified: true,
          csat: null,
          note: signal.evidence,
          source: 'crm',
          recordedBy: null,
          occurredAt: signal.occurredAt,
          recordedAt: now.toISOString(),
        };
        if (!(await tx.attribution.partnerProgram.recordOutcome(outcome))) continue;
        mine.push(outcome.id);
        await tx.governance.appendAudit({
          type: 'partner.outcome_recorded',
          actor: 'system',
          subject: `partner:${partnerId}`,
          payload: {
            outcomeId: outcome.id,
            kind: outcome.kind,
            dealId: deal.id,
            verified: true,
            csat: null,
            occurredAt: outcome.occurredAt,
            source: 'crm',
            evidence: signal.evidence,
          },
          at: now,
        });
      }
      if (mine.length === 0) continue;
      recorded.push(...mine);
      await assessPartnerTier(tx, partnerId, { kind: 'outcome_recorded', outcomeIds: mine, by: 'crm' }, now);
    }
    return { recorded };
  });
};
