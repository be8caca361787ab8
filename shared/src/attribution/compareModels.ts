import type { AttributableDeal } from './attributableDeal.js';
import { attributeDeal, type AttributeOptions } from './attributeDeal.js';
import type { AttributionModel } from './models/modelTypes.js';

export type ComparePeriod = 'quarter' | 'month' | 'year' | 'all';

/** One participant in one period: what each model credits it with, and how much would move. */
export type ModelMovement = {
  participantId: string;
  period: string;
  pipelineA: number;
  pipelineB: number;
  pipelineDelta: number;
  revenueA: number;
  revenueB: number;
  revenueDelta: number;
};

export type ModelComparison = {
  modelA: string;
  modelB: string;
  by: ComparePeriod;
  /** Sorted by period, then participant; participants both models credit with nothing are left out. */
  rows: ModelMovement[];
  /** Minor units that change hands between participants: half the sum of absolute deltas. */
  pipelineMoved: number;
  revenueMoved: number;
  dealsCompared: number;
};

/**
 * What switching from model A to model B would do, before anyone switches. Credited pipeline counts
 * every deal (open, won or lost) in the period of its close or expected close, because partners are
 * credited for the pipeline they help create; credited revenue counts won deals only. Amounts are
 * minor units, and both models split each deal exactly, so every period's deltas sum to zero.
 */
export const compareModels = (
  deals: readonly AttributableDeal[],
  modelA: AttributionModel,
  modelB: AttributionModel,
  options: { by?: ComparePeriod; attribute?: AttributeOptions } = {},
): ModelComparison => {
  const by = options.by ?? 'quarter';
  const rows = new Map<string, ModelMovement>();
  const row = (participantId: string, period: string): ModelMovement => {
    const key = `${period}\u0000${participantId}`;
    let found = rows.get(key);
    if (!found) {
      found = {
        participantId,
        period,
        pipelineA: 0,
        pipelineB: 0,
        pipelineDelta: 0,
        revenueA: 0,
        revenueB: 0,
        revenueDelta: 0,
      };
      rows.set(key, found);
    }
    return found;
  };
  for (const deal of deals) {
    const period = periodOf(deal.closedAtMs, by);
    const won = deal.outcome === 'won';
    for (const split of attributeDeal(deal, modelA, options.attribute).splits) {
      const r = row(split.participantId, period);
      r.pipelineA += split.amountMinor;
      if (won) r.revenueA += split.amountMinor;
    }
    for (const split of attributeDeal(deal, modelB, options.attribute).splits) {
      const r = row(split.participantId, period);
      r.pipelineB += split.amountMinor;
      if (won) r.revenueB += split.amountMinor;
    }
  }
  let pipelineMoved = 0;
  let revenueMoved = 0;
  const result = [...rows.values()]
    .filter((r) => r.pipelineA !== 0 || r.pipelineB !== 0)
    .map((r) => {
      r.pipelineDelta = r.pipelineB - r.pipelineA;
      r.revenueDelta = r.revenueB - r.revenueA;
      pipelineMoved += Math.abs(r.pipelineDelta);
      revenueMoved += Math.abs(r.revenueDelta);
      return r;
    })
    .sort((a, b) =>
      a.period < b.period
        ? -1
        : a.period > b.period
          ? 1
          : a.participantId < b.participantId
            ? -1
            : a.participantId > b.participantId
              ? 1
              : 0,
    );
  return {
    modelA: modelA.title,
    modelB: modelB.title,
    by,
    rows: result,
    pipelineMoved: pipelineMoved / 2,
    revenueMoved: revenueMoved / 2,
    dealsCompared: deals.length,
  };
};

/** Calendar periods in UTC: "2025-Q3", "2025-07", "2025" or "all". */
export const periodOf = (atMs: number, by: ComparePeriod): string => {
  if (by === 'all') return 'all';
  const date = new Date(atMs);
  const year = date.getUTCFullYear();
  if (by === 'year') return String(year);
  const month = date.getUTCMonth();
  if (by === 'month') return `${year}-${String(month + 1).padStart(2, '0')}`;
  return `${year}-Q${Math.floor(month / 3) + 1}`;
};
