import {
  attributeDeal,
  attributeRenewal,
  createModel,
  type AttributionModel,
  type DealAttribution,
  type ModelConfig,
  type RenewalAttribution,
} from '@entente/shared/attribution';
import type { Deal } from '@entente/shared/domain';
import { seededRandom } from '@entente/shared/random';
import type { TenantStore } from '../../store/store.js';
import { loadAttributableDeals, participantNames, toStoredAttributableDeal } from './attributableDeals.js';
import type { AttributionSettings } from '../../store/repositories/attribution/attributionSettings.js';

/** Sampled Shapley values must come out the same on every run and every instance. */
const SHAPLEY_SEED = 1;

/**
 * Builds a declared model. The data-driven ones learn from the tenant's closed deals; that read is
 * the whole tenant, which is fine at close time and in a simulation but not on a hot path.
 */
export const buildTenantModel = async (
  tenant: TenantStore,
  config: ModelConfig,
  now: Date,
): Promise<AttributionModel> =>
  config.name === 'shapley' || config.name === 'markov'
    ? createModel(config, {
        history: await loadAttributableDeals(tenant, now, { closedOnly: true }),
        random: seededRandom(SHAPLEY_SEED),
      })
    : createModel(config);

export type ComputedAttribution = DealAttribution | RenewalAttribution;

/**
 * A deal's split under the tenant's settings, with explanations. A renewal inherits from its
 * original deal by the renewal policy: from the original's finalised split when there is one,
 * otherwise from the original attributed now under the same model.
 */
export const computeAttribution = async (
  tenant: TenantStore,
  deal: Deal,
  settings: AttributionSettings,
  now: Date,
): Promise<ComputedAttribution> => {
  const [touchpoints, model, nameOf, originalId] = await Promise.all([
    tenant.attribution.touchpoints.listByDeal(deal.id),
    buildTenantModel(tenant, settings.model, now),
    participantNames(tenant),
    tenant.attribution.renewals.originalOf(deal.id),
  ]);
  const attributable = toStoredAttributableDeal(deal, touchpoints, now);
  const original =
    originalId === undefined ? undefined : await originalAttribution(tenant, originalId, model, now);
  return original
    ? attributeRenewal(attributable, original, model, settings.renewalPolicy, { nameOf })
    : attributeDeal(attributable, model, { nameOf });
};

const originalAttribution = async (
  tenant: TenantStore,
  originalId: string,
  model: AttributionModel,
  now: Date,
): Promise<DealAttribution | undefined> => {
  const stored = await tenant.attribution.dealAttributions.get(originalId);
  if (stored) return stored.result;
  const deal = await tenant.deals.get(originalId);
  if (!deal) return undefined;
  const touchpoints = await tenant.attribution.touchpoints.listByDeal(originalId);
  return attributeDeal(toStoredAttributableDeal(deal, touchpoints, now), model, {
    nameOf: await participantNames(tenant),
  });
};
