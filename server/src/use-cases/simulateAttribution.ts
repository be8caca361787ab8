import {
  compareModels,
  modelNameSchema,
  parseModelConfig,
  type ComparePeriod,
  type ModelComparison,
  type ModelConfig,
} from '@entente/shared/attribution';
import { formatMinor } from '@entente/shared/domain';
import { DomainError } from '@entente/shared/errors';
import type { AppContext } from '../appContext.js';
import { loadAttributableDeals, participantNames } from './attribution/attributableDeals.js';
import { buildTenantModel } from './attribution/computeAttribution.js';

export type SimulateAttributionInput = {
  /** Model names, or `current` for the tenant's published settings (with their parameters). */
  models: readonly [string, string];
  by: ComparePeriod;
};

export type AttributionSimulation = ModelComparison & {
  names: Record<string, string>;
  currency: string | null;
};

/**
 * What switching the attribution model would do to each partner's credited pipeline and revenue,
 * per period, on the tenant's real deals and touchpoints, before anyone switches. Nothing is stored.
 */
export const simulateAttribution = async (
  ctx: Pick<AppContext, 'store' | 'now'>,
  tenantId: string,
  input: SimulateAttributionInput,
): Promise<AttributionSimulation> => {
  const tenant = ctx.store.forTenant(tenantId);
  const now = ctx.now();
  const settings = await tenant.attribution.settings.current();
  const configOf = (name: string): ModelConfig => {
    if (name === 'current') return settings.model;
    const parsed = modelNameSchema.safeParse(name.trim().replace(/-/g, '_'));
    if (!parsed.success) {
      throw new DomainError(
        'ATTRIBUTION.INVALID_MODEL',
        `Unknown model "${name}": use current or one of ${modelNameSchema.options.join(', ')}`,
      );
    }
    return parseModelConfig({ name: parsed.data } as Parameters<typeof parseModelConfig>[0]);
  };
  const [configA, configB] = [configOf(input.models[0]), configOf(input.models[1])];
  const [deals, modelA, modelB, nameOf, someDeal] = await Promise.all([
    loadAttributableDeals(tenant, now),
    buildTenantModel(tenant, configA, now),
    buildTenantModel(tenant, configB, now),
    participantNames(tenant),
    tenant.deals.list({ limit: 1 }),
  ]);
  // Both models see partner-reported touches as the published settings count them.
  const comparison = compareModels(deals, modelA, modelB, {
    by: input.by,
    attribute: { partnerReported: settings.partnerReported },
  });
  const names = Object.fromEntries(
    comparison.rows.map((row) => [row.participantId, nameOf(row.participantId)]),
  );
  return { ...comparison, names, currency: someDeal[0]?.currency ?? null };
};

/** The report the CLI prints: one line per participant per period, largest movements first within a period. */
export const formatAttributionSimulation = (simulation: AttributionSimulation): string => {
  const money = (minor: number) => formatMinor(minor);
  const signed = (minor: number) => (minor > 0 ? `+${money(minor)}` : money(minor));
  const header = [
    `Attribution: ${simulation.modelA} → ${simulation.modelB}, by ${simulation.by}, over ${simulation.dealsCompared} deals` +
      (simulation.currency ? ` (${simulation.currency})` : ''),
    `Pipeline that changes hands: ${money(simulation.pipelineMoved)}; revenue: ${money(simulation.revenueMoved)}`,
    '',
    [
      'period',
      'participant',
      'pipeline A',
      'pipeline B',
      'Δ pipeline',
      'revenue A',
      'revenue B',
      'Δ revenue',
    ].join('\t'),
  ];
  const rows = [...simulation.rows]
    .sort(
      (a, b) =>
        a.period.localeCompare(b.period) ||
        Math.abs(b.pipelineDelta) - Math.abs(a.pipelineDelta) ||
        a.participantId.localeCompare(b.participantId),
    )
    .map((row) =>
      [
        row.period,
        simulation.names[row.participantId] ?? row.participantId,
        money(row.pipelineA),
        money(row.pipelineB),
        signed(row.pipelineDelta),
        money(row.revenueA),
        money(row.revenueB),
        signed(row.revenueDelta),
      ].join('\t'),
    );
  return [...header, ...rows].join('\n') + '\n';
};
