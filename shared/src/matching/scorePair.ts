import {
  compareFields,
  FEATURE_FIELD,
  type FeatureName,
  type FieldComparison,
  type MatchField,
} from './features.js';
import { fittedModel } from './fittedModel.js';
import type { MatchModel } from './matchModel.js';
import { numericLogOdds } from './numericScore.js';
import type { PreparedRecord } from './record.js';
import { sharedIdentifier, type SharedIdentifier } from './sharedIdentifier.js';
import { TokenRarity } from './tokenRarity.js';

export type MatchDecision = 'match' | 'possible' | 'no';

/** One field's part in a decision: `name "ACME Corp." ≈ "Acme Corporation" 0.96` adding +4.1 log-odds. */
export type MatchReason = {
  field: MatchField;
  /** Signed contribution to the log-odds of a match; positive means the field argues for a match. */
  contribution: number;
  similarity: number | null;
  text: string;
};

export type MatchResult = {
  leftId: string;
  rightId: string;
  decision: MatchDecision;
  /** Calibrated probability that both records are the same organisation, in [0, 1]. */
  score: number;
  logOdds: number;
  /** One per compared field, strongest evidence first. */
  reasons: MatchReason[];
  /** Set when the pair is `possible` only because it shares a hard identifier (see sharedIdentifier). */
  identifier?: SharedIdentifier;
};

export type ScoreOptions = {
  rarity?: TokenRarity;
  model?: MatchModel;
};

const sigmoid = (value: number): number => 1 / (1 + Math.exp(-value));

const sharedRarity = new TokenRarity();

export const decide = (score: number, model: MatchModel): MatchDecision =>
  score >= model.thresholds.match ? 'match' : score >= model.thresholds.possible ? 'possible' : 'no';

/** The feature vector of a pair, in model order; the fitting script uses the same function. */
export const pairFeatures = (a: PreparedRecord, b: PreparedRecord, rarity: TokenRarity = sharedRarity) => {
  const values: Partial<Record<FeatureName, number>> = {};
  for (const comparison of compareFields(a, b, rarity, { explain: false }))
    Object.assign(values, comparison.features);
  return values;
};

const contributionOf = (comparison: FieldComparison, model: MatchModel): number => {
  let contribution = 0;
  for (const feature in comparison.features) {
    const value = comparison.features[feature as FeatureName] as number;
    if (value !== 0 && FEATURE_FIELD[feature as FeatureName] === comparison.field) {
      contribution += model.weights[feature as FeatureName] * value;
    }
  }
  return contribution;
};

/**
 * The log-odds of a pair without its reasons: the cheap first pass that `CandidateIndex` and
 * `findDuplicates` run on every candidate, writing reasons only for the few that reach `possible`.
 */
export const pairLogOdds = (a: PreparedRecord, b: PreparedRecord, options: ScoreOptions = {}): number =>
  numericLogOdds(a, b, options.rarity ?? sharedRarity, options.model ?? fittedModel);

/** The log-odds at or above which a pair is at least `possible`. */
export const possibleLogOdds = (model: MatchModel = fittedModel): number =>
  Math.log(model.thresholds.possible / (1 - model.thresholds.possible));

/**
 * Score a pair of prepared records and explain the score field by field. A pair that shares a
 * registrable domain or a phone number is at least `possible`, with that as a reason, even when
 * the model's score says `no`: that is how a claim made under another name is still seen.
 */
export const scorePair = (a: PreparedRecord, b: PreparedRecord, options: ScoreOptions = {}): MatchResult => {
  const model = options.model ?? fittedModel;
  const rarity = options.rarity ?? sharedRarity;
  let logOdds = model.intercept;
  const reasons: MatchReason[] = [];
  for (const comparison of compareFields(a, b, rarity)) {
    const contribution = contributionOf(comparison, model);
    logOdds += contribution;
    reasons.push({
      field: comparison.field,
      contribution,
      similarity: comparison.similarity ?? null,
      text: comparison.finding,
    });
  }
  reasons.sort((x, y) => Math.abs(y.contribution) - Math.abs(x.contribution));
  const score = sigmoid(logOdds);
  const result: MatchResult = {
    leftId: a.id,
    rightId: b.id,
    decision: decide(score, model),
    score,
    logOdds,
    reasons,
  };
  if (result.decision === 'no') {
    const shared = sharedIdentifier(a, b);
    if (shared) {
      result.decision = 'possible';
      result.identifier = shared;
      reasons.unshift({ field: shared.field, contribution: 0, similarity: 1, text: shared.text });
    }
  }
  return result;
};

/** `name "A" ≈ "B" 0.96 (+4.1)`: the reason with its signed contribution in log-odds. */
export const formatReason = (reason: MatchReason): string =>
  `${reason.text} (${reason.contribution >= 0 ? '+' : ''}${reason.contribution.toFixed(1)})`;

export const formatReasons = (reasons: readonly MatchReason[]): string =>
  reasons.map(formatReason).join('; ');
