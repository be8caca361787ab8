import { DIRECT_PARTICIPANT_ID } from '@entente/shared/attribution';
import { CommonErrors, DomainError } from '@entente/shared/errors';
import { canonicalJson } from '@entente/shared/governance';
import type { AppContext } from '../appContext.js';
import { participantNames } from './attribution/attributableDeals.js';
import { auditAttribution } from './attribution/audit.js';
import { computeCreditOfRecord } from './attribution/computeAttribution.js';
import { day, recordCreditHistory } from './attribution/history.js';
import type { StoredAttribution } from '../store/repositories/attribution/dealAttributions.js';
import { inAttributionTransaction } from './attribution/transaction.js';
import { attributionSummary, requestAttributionWriteBack } from './attribution/writeBack.js';
import { requestTierAssessment } from './partnerValue/partnerTier.js';

export type FinaliseResult = { status: 'finalised' | 'unchanged'; attribution: StoredAttribution };

/**
 * When a deal is won, its credit of record is fixed: the tenant's current attribution settings
 * split it (a renewal inherits by the renewal policy; an upheld dispute's split or model holds), the
 * split and its explanations are stored, the audit log and the deal's credit history record it and
 * the CRM is asked to show the summary; the credited partners' tiers are assessed again. Running it again with nothing new changes nothing; with new
 * touches or new settings it stores the next revision.
 */
export const finaliseDealAttribution = async (
  ctx: AppContext,
  tenantId: string,
  dealId: string,
  { actor = 'system' }: { actor?: string } = {},
): Promise<FinaliseResult> => {
  const tenant = ctx.store.forTenant(tenantId);
  const deal = await tenant.deals.get(dealId);
  if (!deal) throw CommonErrors.notFound(`Deal ${dealId}`);
  if (deal.stageCategory !== 'won') {
    throw new DomainError(
      'ATTRIBUTION.DEAL_NOT_WON',
      `Deal ${dealId} is ${deal.stageCategory}; attribution is finalised when a deal is won`,
    );
  }
  const settings = await tenant.attribution.settings.current();
  const now = ctx.now();
  const readBefore = await tenant.attribution.dealAttributions.get(dealId);
  const computed = await computeCreditOfRecord(tenant, deal, settings, readBefore, now);
  const nameOf = await participantNames(tenant);

  return inAttributionTransaction(ctx, tenantId, async (repos, tx) => {
    await repos.dealAttributions.lockDeal(dealId);
    const previous = await repos.dealAttributions.get(dealId);
    // A dispute was upheld since the read above: work from the credit it set, not from before it.
    const result =
      previous?.revision === readBefore?.revision
        ? computed
        : await computeCreditOfRecord(tx, deal, settings, previous, now);
    if (
      previous &&
      previous.settingsVersion === settings.version &&
      previous.amountMinor === deal.amountMinor &&
      // jsonb reorders keys, so compare canonical forms.
      canonicalJson(previous.result) === canonicalJson(result)
    ) {
      return { status: 'unchanged' as const, attribution: previous };
    }
    const stored = await repos.dealAttributions.save({
      dealId,
      model: result.model,
      settingsVersion: settings.version,
      amountMinor: deal.amountMinor,
      currency: deal.currency,
      result,
      finalisedAt: now.toISOString(),
    });
    await auditAttribution(tx, {
      type: 'attribution.finalised',
      actor,
      subject: `deal:${dealId}`,
      at: now,
      payload: {
        revision: stored.revision,
        model: result.model,
        settingsVersion: settings.version,
        amountMinor: deal.amountMinor,
        currency: deal.currency,
        splits: result.splits.map((s) => ({
          participantId: s.participantId,
          shareBp: s.shareBp,
          amountMinor: s.amountMinor,
          explanation: s.explanation,
        })),
        ...('inheritance' in result
          ? { inheritance: result.inheritance, originalDealId: result.originalDealId }
          : {}),
        ...(result.adjustment ? { adjustment: result.adjustment } : {}),
      },
    });
    const summary = attributionSummary(result, nameOf, settings.version);
    await recordCreditHistory(tx, {
      dealId,
      at: now,
      kind: 'finalised',
      participantId: null,
      line: `Revision ${stored.revision} finalised on ${day(now)}: ${summary}`,
      details: { revision: stored.revision, settingsVersion: settings.version },
    });
    await requestAttributionWriteBack(tx, dealId, now, summary);
    // A won deal counts towards the tiers of the partners credited on it.
    await requestTierAssessment(
      tx,
      result.splits
        .filter((s) => s.participantId !== DIRECT_PARTICIPANT_ID && s.shareBp > 0)
        .map((s) => s.participantId),
      { kind: 'deal_won', dealId },
      now,
    );
    return { status: 'finalised' as const, attribution: stored };
  });
};
