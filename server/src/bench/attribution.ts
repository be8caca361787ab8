import {
  attributeDeal,
  createModel,
  ruleBasedModelNames,
  touchKinds,
  type AttributableDeal,
  type AttributionModel,
  type AttributionTouch,
  type ModelConfigInput,
  type ModelName,
} from '@entente/shared/attribution';
import { seededRandom, type Random } from '@entente/shared/random';

export type AttributionBenchOptions = {
  deals?: number;
  touchpointsPerDeal?: number;
  /** Partners in the program; each deal draws 1–4 of them, plus the direct team now and then. */
  partners?: number;
  seed?: number;
  /** Deals the data-driven models attribute (they learn from all of them); they are far slower. */
  dataDrivenDeals?: number;
};

export type ModelThroughput = { model: ModelName; deals: number; seconds: number; dealsPerSecond: number };

export type AttributionBenchResult = {
  deals: number;
  touchpointsPerDeal: number;
  ruleBased: ModelThroughput[];
  dataDriven: (ModelThroughput & { trainingSeconds: number; trainedOn: number })[];
  /** Minor units checked: every deal's splits summed back to its amount. */
  amountsReconciled: boolean;
  peakRssBytes: number;
};

const DAY_MS = 86_400_000;

/** Closed deals with a realistic mix of partners, kinds and timing, the same for the same seed. */
export const generateDeals = (
  count: number,
  touchesPerDeal: number,
  partners: number,
  random: Random,
): AttributableDeal[] => {
  const start = Date.parse('2024-01-01T00:00:00Z');
  return Array.from({ length: count }, (_, d) => {
    const closedAtMs = start + random.int(0, 730) * DAY_MS;
    const cast = Array.from({ length: random.int(1, 4) }, () => `P${random.int(1, partners)}`);
    if (random.chance(0.3)) cast.push('direct');
    const touches: AttributionTouch[] = Array.from({ length: touchesPerDeal }, (_, t) => ({
      id: `${d}-${t}`,
      participantId: random.pick(cast),
      kind: random.pick(touchKinds),
      occurredAtMs: closedAtMs - random.int(0, 180) * DAY_MS - random.int(0, DAY_MS - 1),
    }));
    return {
      id: `D${d}`,
      amountMinor: random.int(1_000_00, 500_000_00),
      closedAtMs,
      outcome: random.chance(0.6) ? 'won' : 'lost',
      touches,
    };
  });
};

const time = (
  model: AttributionModel,
  deals: readonly AttributableDeal[],
  check: { ok: boolean },
): ModelThroughput => {
  const started = process.hrtime.bigint();
  for (const deal of deals) {
    const { splits } = attributeDeal(deal, model);
    let total = 0;
    for (const split of splits) total += split.amountMinor;
    if (total !== deal.amountMinor) check.ok = false;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    model: model.name,
    deals: deals.length,
    seconds,
    dealsPerSecond: Math.round(deals.length / seconds),
  };
};

/**
 * Attribution throughput: every rule-based model over all deals (target ≥ 50,000 deals/s), then the
 * data-driven models, reported apart with their training time because they learn from history first.
 * Explanations are built for every split, as in production.
 */
export const benchAttribution = async (
  options: AttributionBenchOptions = {},
): Promise<AttributionBenchResult> => {
  const count = options.deals ?? 100_000;
  const touchesPerDeal = options.touchpointsPerDeal ?? 10;
  const deals = generateDeals(
    count,
    touchesPerDeal,
    options.partners ?? 500,
    seededRandom(options.seed ?? 1),
  );
  const check = { ok: true };
  let peakRssBytes = process.memoryUsage().rss;
  const sample = () => (peakRssBytes = Math.max(peakRssBytes, process.memoryUsage().rss));

  const ruleBased: ModelThroughput[] = [];
  for (const name of ruleBasedModelNames) {
    const model = createModel({ name } as ModelConfigInput);
    // An untimed pass over a slice first, so the figure is the steady state and not the JIT warming up.
    time(model, deals.slice(0, Math.min(count, 10_000)), check);
    ruleBased.push(time(model, deals, check));
    sample();
    await Promise.resolve();
  }

  const dataDrivenDeals = deals.slice(0, options.dataDrivenDeals ?? count);
  const dataDriven: AttributionBenchResult['dataDriven'] = [];
  for (const name of ['shapley', 'markov'] as const) {
    const started = process.hrtime.bigint();
    const model = createModel({ name }, { history: deals, random: seededRandom(options.seed ?? 1) });
    const trainingSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    dataDriven.push({ ...time(model, dataDrivenDeals, check), trainingSeconds, trainedOn: deals.length });
    sample();
    await Promise.resolve();
  }
  return {
    deals: count,
    touchpointsPerDeal: touchesPerDeal,
    ruleBased,
    dataDriven,
    amountsReconciled: check.ok,
    peakRssBytes,
  };
};
