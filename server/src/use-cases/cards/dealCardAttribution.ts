import { attributeDeal, DIRECT_PARTICIPANT_ID, type Touchpoint } from '@entente/shared/attribution';
import type { Deal, Partner } from '@entente/shared/domain';
import { toStoredAttributableDeal } from '../../attribution/attributableDeals.js';
import type { AttributionSettings } from '../../attribution/repositories/attributionSettings.js';
import { buildTenantModel, computeAttribution } from '../../attribution/computeAttribution.js';
import { toDisputeView, toSplitView, type DealAttributionView } from '../getDealAttribution.js';
import type { CardCaller } from './cardRequest.js';

/**
 * The same view as `getDealAttribution`, from what the deal card has already loaded (the deal, its
 * touchpoints, the partners), so a card view reads the attribution tables once each instead of
 * reading the deal, partners, touchpoints and settings again. Renewals keep the full path.
 */
export const dealCardAttribution = async (
  caller: CardCaller,
  deal: Deal,
  loaded: { touchpoints: readonly Touchpoint[]; partners: readonly Partner[] },
  now: Date,
): Promise<{ view: DealAttributionView; settings: AttributionSettings }> => {
  const tenant = caller.scoped;
  const names = new Map(loaded.partners.map((p) => [p.id, p.name]));
  names.set(DIRECT_PARTICIPANT_ID, 'Direct team');
  const nameOf = (id: string) => names.get(id) ?? id;
  const [finalised, disputes, settings, originalId] = await Promise.all([
    tenant.attribution.dealAttributions.get(deal.id),
    tenant.attribution.disputes.listByDeal(deal.id),
    tenant.attribution.settings.current(),
    tenant.attribution.renewals.originalOf(deal.id),
  ]);
  const result =
    finalised?.result ??
    (originalId === undefined
      ? attributeDeal(
          toStoredAttributableDeal(deal, loaded.touchpoints, now),
          await buildTenantModel(tenant, settings.model, now),
          { nameOf },
        )
      : await computeAttribution(tenant, deal, settings, now));
  return {
    settings,
    view: {
      dealId: deal.id,
      status: finalised ? 'finalised' : 'provisional',
      model: result.model,
      settingsVersion: finalised?.settingsVersion ?? settings.version,
      revision: finalised?.revision ?? null,
      finalisedAt: finalised?.finalisedAt ?? null,
      amountMinor: result.amountMinor,
      currency: finalised?.currency ?? deal.currency,
      splits: result.splits.map((split) => toSplitView(split, nameOf)),
      ignored: result.ignored,
      fallback: result.fallback ?? null,
      inheritance:
        'inheritance' in result ? { mode: result.inheritance, originalDealId: result.originalDealId } : null,
      disputes: disputes.map(toDisputeView),
    },
  };
};
