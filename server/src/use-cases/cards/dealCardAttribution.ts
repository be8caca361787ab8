import { attributeDeal, DIRECT_PARTICIPANT_ID } from '@entente/shared/attribution';
import type { Deal } from '@entente/shared/domain';
import { toStoredAttributableDeal } from '../attribution/attributableDeals.js';
import type { AttributionSettings } from '../../store/repositories/attribution/attributionSettings.js';
import { buildTenantModel, computeAttribution } from '../attribution/computeAttribution.js';
import { toDealAttributionView, type DealAttributionView } from '../getDealAttribution.js';
import type { CardCaller } from './cardRequest.js';
import type { DealCardData } from './dealCardData.js';

/**
 * The same view as `getDealAttribution`, from what the deal card has already loaded in its one
 * statement (the deal, its touchpoints, the partners, the finalised split, disputes, settings and
 * renewal link), so a card view reads nothing more unless the model needs history or the deal is a
 * renewal (those keep the full path).
 */
export const dealCardAttribution = async (
  caller: CardCaller,
  deal: Deal,
  loaded: Pick<DealCardData, 'touchpoints' | 'partners' | 'attribution'>,
  now: Date,
): Promise<{ view: DealAttributionView; settings: AttributionSettings }> => {
  const tenant = caller.scoped;
  const names = new Map(loaded.partners.map((p) => [p.id, p.name]));
  names.set(DIRECT_PARTICIPANT_ID, 'Direct team');
  const nameOf = (id: string) => names.get(id) ?? id;
  const { finalised, disputes, settings, originalId } = loaded.attribution;
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
    view: toDealAttributionView({ deal, finalised, settings, result, disputes, nameOf }),
  };
};
