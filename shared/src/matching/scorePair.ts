import { compareFields, FEATURE_FIELD, type FeatureName, type MatchField } from './features.js';
import { fittedModel } from './fittedModel.js';
import type { MatchModel } from './matchModel.js';
import type { PreparedRecord } from './record.js';
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
  for (const comparison of compareFields(a, b, rarity)) Object.assign(values, comparison.features);
  return values;
};

/** Score a pair of prepared records and explain the score field by field. */
export const scorePair = (a: PreparedRecord, b: PreparedRecord, options: ScoreOptions = {}): MatchResult => {
  const model = options.model ?? fittedModel;
  const rarity = options.rarity ?? sharedRarity;
  let logOdds = model.intercept;
  const reasons: MatchReason[] = [];
  for (const comparison of compareFields(a, b, rarity)) {
    let contribution = 0;
    for (const [feature, value] of Object.entries(comparison.features) as [FeatureName, number][]) {
      if (FEATURE_FIELD[feature] === comparison.field) contribution += model.weights[feature] * value;
    }
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
  return { leftId: a.id, rightId: b.id, decision: decide(score, model), score, logOdds, reasons };
};

/** `name "A" ≈ "B" 0.96 (+4.1)`: the reason with its signed contribution in log-odds. */
export const formatReason = (reason: MatchReason): string =>
  `${reason.text} (${reason.contribution >= 0 ? '+' : ''}${reason.contribution.toFixed(1)})`;

export const formatReasons = (reasons: readonly MatchReason[]): string => reasons.map(formatReason).join('; ');
