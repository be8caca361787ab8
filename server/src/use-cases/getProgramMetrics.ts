import { computeProgramMetrics, type MetricGroup, type MetricValue } from '@entente/shared/metrics';
import type { AppContext } from '../appContext.js';
import { loadProgramMetricsInput, unavailableMetrics } from './attribution/programMetricsSources.js';

export type ProgramMetricView = MetricValue & {
  /** Why the metric cannot be computed at all yet (its source is not recorded), or null. */
  unavailable: string | null;
  /** Why this window has no value although the metric can be computed, or null when it has one. */
  noValueBecause: string | null;
};

const NOTHING_IN_WINDOW =
  'nothing in this window matches the definition (no records to count), so there is no value rather than a zero';
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
        if (reason !== undefined)
          return { ...metric, value: null, sampleSize: 0, unavailable: reason, noValueBecause: reason };
        return {
          ...metric,
          unavailable: null,
          noValueBecause: metric.value === null ? NOTHING_IN_WINDOW : null,
        };
      }),
    ]),
  ) as Record<MetricGroup, ProgramMetricView[]>;
  return { from: computed.from, to: computed.to, metrics };
};
