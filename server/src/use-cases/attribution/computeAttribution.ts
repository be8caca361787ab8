import {
  attributeDeal,
  attributeRenewal,
  attributeRenewalWithoutOriginal,
  createModel,
  reallocateAmount,
  type AttributeOptions,
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
import type { StoredAttribution } from '../../store/repositories/attribution/dealAttributions.js';

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
 * otherwise from the original attributed now under the same model. A renewal whose original was not
 * found is attributed on its own touches, and says so. `model` replaces the settings'
 * model for this deal (an upheld dispute's remedy, or a preview of one).
 */
export const computeAttribution = async (
  tenant: TenantStore,
  deal: Deal,
  settings: AttributionSettings,
  now: Date,
  { model: modelConfig = settings.model }: { model?: ModelConfig } = {},
): Promise<ComputedAttribution> => {
  const [touchpoints, model, nameOf, renewal] = await Promise.all([
    tenant.attribution.touchpoints.listByDeal(deal.id),
    buildTenantModel(tenant, modelConfig, now),
    participantNames(tenant),
    tenant.attribution.renewals.get(deal.id),
  ]);
  const options: AttributeOptions = { nameOf, partnerReported: settings.partnerReported };
  const attributable = toStoredAttributableDeal(deal, touchpoints, now);
  const originalId = renewal?.originalDealId ?? undefined;
  const original =
    originalId === undefined ? undefined : await originalAttribution(tenant, originalId, model, options, now);
  if (original) return attributeRenewal(attributable, original, model, settings.renewalPolicy, options);
  // A renewal with nothing to inherit from says so in its splits.
  if (renewal)
    return attributeRenewalWithoutOriginal(
      attributable,
      model,
      originalId === undefined
        ? (renewal.reason ?? 'no original deal was found for it')
        : `its original deal ${originalId} is no longer in the CRM`,
      options,
    );
  return attributeDeal(attributable, model, options);
};

/**
 * The credit of record a won deal gets now. An upheld dispute's adjustment holds: an adjudicated
 * split stays as decided (the money follows a changed amount), and a remedied model stays the
 * deal's model while its touches keep counting. Otherwise the settings decide.
 */
export const computeCreditOfRecord = async (
  tenant: TenantStore,
  deal: Deal,
  settings: AttributionSettings,
  previous: StoredAttribution | undefined,
  now: Date,
): Promise<ComputedAttribution> => {
  const adjustment = previous?.result.adjustment;
  if (previous && adjustment?.kind === 'split') return reallocateAmount(previous.result, deal.amountMinor);
  if (adjustment?.kind === 'model')
    return {
      ...(await computeAttribution(tenant, deal, settings, now, { model: adjustment.model })),
      adjustment,
    };
  return computeAttribution(tenant, deal, settings, now);
};

const originalAttribution = async (
  tenant: TenantStore,
  originalId: string,
  model: AttributionModel,
  options: AttributeOptions,
  now: Date,
): Promise<DealAttribution | undefined> => {
  const stored = await tenant.attribution.dealAttributions.get(originalId);
  if (stored) return stored.result;
  const deal = await tenant.deals.get(originalId);
  if (!deal) return undefined;
  const touchpoints = await tenant.attribution.touchpoints.listByDeal(originalId);
  return attributeDeal(toStoredAttributableDeal(deal, touchpoints, now), model, options);
};
