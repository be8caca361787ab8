/**
 * The benchmark suite's vocabulary. A benchmark measures one thing and reports one or more keys
 * (`match.lookup.p99_ms`, ...), each with the target it is held to. Figures are measured in a
 * separate process per benchmark, so peak RSS belongs to that benchmark alone.
 */
export type Direction = 'at_most' | 'at_least';

export type KeyResult = {
  value: number;
  unit: string;
  target: { direction: Direction; value: number };
  /** Latency keys also report their distribution. */
  p50_ms?: number;
  p99_ms?: number;
  notes?: string;
};

export type BenchmarkOutcome = {
  inputs: Record<string, unknown>;
  keys: Record<string, KeyResult>;
  /** Everything else worth keeping (per-model figures, candidates per lookup, ...). */
  details?: unknown;
};

export type Benchmark = {
  name: string;
  description: string;
  /** The keys this benchmark always reports, even when it fails (then as errors). */
  keys: readonly string[];
  run(options: { quick: boolean }): Promise<BenchmarkOutcome>;
};

export const meetsTarget = ({ value, target }: KeyResult): boolean =>
  target.direction === 'at_most' ? value <= target.value : value >= target.value;

export const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0
    ? 0
    : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0);

export const round = (value: number, digits = 3): number => Number(value.toFixed(digits));
