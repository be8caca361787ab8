import { DomainError } from '../errors/index.js';
import { metricDefinition, type MetricDefinition, type MetricId } from './definitions.js';

/** A computed metric with its definition; value is null when there is nothing to measure. */
export type MetricValue = MetricDefinition & {
  value: number | null;
  /** The records the value rests on (the denominator of a ratio, the count behind a median). */
  sampleSize: number;
  breakdown?: Record<string, number>;
};

/** Records count when their anchor time is in [from, to). */
export type MetricWindow = { fromMs: number; toMs: number };

export const metricWindow = (from: string, to: string): MetricWindow => {
  const fromMs = Date.parse(from);
  const toMs = Date.parse(to);
  if (Number.isNaN(fromMs) || Number.isNaN(toMs) || fromMs >= toMs) {
    throw new DomainError(
      'METRICS.INVALID_WINDOW',
      'The metrics window needs ISO 8601 from and to, with from before to',
      {
        details: { from, to },
      },
    );
  }
  return { fromMs, toMs };
};

export const inWindow = (at: string | null, window: MetricWindow): boolean => {
  if (at === null) return false;
  const ms = Date.parse(at);
  return ms >= window.fromMs && ms < window.toMs;
};

export const metric = (
  id: MetricId,
  value: number | null,
  sampleSize: number,
  breakdown?: Record<string, number>,
): MetricValue => ({
  ...metricDefinition(id),
  value,
  sampleSize,
  ...(breakdown ? { breakdown } : {}),
});

export const ratio = (
  id: MetricId,
  numerator: number,
  denominator: number,
  breakdown?: Record<string, number>,
): MetricValue => metric(id, denominator === 0 ? null : numerator / denominator, denominator, breakdown);

export const median = (values: readonly number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

export const medianOf = (id: MetricId, values: readonly number[]): MetricValue =>
  metric(id, median(values), values.length);

export const hoursBetween = (from: string, to: string): number =>
  (Date.parse(to) - Date.parse(from)) / 3_600_000;
export const daysBetween = (from: string, to: string): number =>
  (Date.parse(to) - Date.parse(from)) / 86_400_000;
