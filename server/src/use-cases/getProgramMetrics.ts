import { computeProgramMetrics, type MetricGroup, type MetricValue } from '@entente/shared/metrics';
import type { AppContext } from '../appContext.js';
import { loadProgramMetricsInput, unavailableMetrics } from './attribution/programMetricsSources.js';

export type ProgramMetricView = MetricValue & { unavailable: string | null };
export type ProgramMetricsView = {
  from: string;
  to: string;
  metrics: Record<MetricGroup, ProgramMetricView[]>;
};

/**
 * The program metrics for [from, to), computed from the store by the documented definitions. A
 * metric whose source is not recorded yet says so (`unavailable`) and has no value.
 */
export const getProgramMetrics = async (
  ctx: AppContext,
  tenantId: string,
  from: string,
  to: string,
): Promise<ProgramMetricsView> => {
  const input = await loadProgramMetricsInput(ctx.store.forTenant(tenantId), ctx.now());
  const computed = computeProgramMetrics(input, from, to);
  const metrics = Object.fromEntries(
    Object.entries(computed.metrics).map(([group, values]) => [
      group,
      values.map((metric): ProgramMetricView => {
        const reason = unavailableMetrics[metric.id];
        return reason === undefined
          ? { ...metric, unavailable: null }
          : { ...metric, value: null, sampleSize: 0, unavailable: reason };
      }),
    ]),
  ) as Record<MetricGroup, ProgramMetricView[]>;
  return { from: computed.from, to: computed.to, metrics };
};
