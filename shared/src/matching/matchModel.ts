import type { FeatureName } from './features.js';

/**
 * A fitted logistic model: log-odds = intercept + Σ weight × feature. The score is its sigmoid, a
 * calibrated probability that the pair is the same organisation among blocked candidate pairs.
 */
export type MatchModel = {
  intercept: number;
  weights: Record<FeatureName, number>;
  /** Scores at or above `match` are merged; at or above `possible` they are shown for review. */
  thresholds: { match: number; possible: number };
  /** Where the numbers came from, for docs/matching.md and for anyone auditing a decision. */
  provenance: string;
};
