/**
 * Fits the match model and writes shared/src/matching/fittedModel.ts.
 *
 *   npx tsc -b shared && node test/er-eval/fitModel.ts
 *
 * Training data: the PATSTAT company-name set (real, name only) and a seeded synthetic set of
 * organisations with domains, phones and addresses (the public sets have no such fields). Weights
 * are chosen by logistic regression; the decision threshold by 5-fold cross-validation grouped by
 * entity, so no company is in both the fold that fits and the fold that judges.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  FEATURE_SIGN,
  FEATURES,
  generateListings,
  generateOrganisations,
  type SyntheticRecord,
} from '@entente/shared/matching';
import { seededRandom } from '@entente/shared/random';
import { loadPatstat } from './datasets.ts';
import { fitSignConstrained, type Sample } from './logistic.ts';
import { candidatePairs, weightSamples, type LabelledPair } from './pairs.ts';

const L2 = 1;
const SET_WEIGHT = 5000;
const FOLDS = 5;
const THRESHOLDS = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
const SIGNS = FEATURES.map((feature) => FEATURE_SIGN[feature]);

type Set_ = { name: string; pairs: LabelledPair[]; labels: Map<string, string> };

const hash = (text: string): number => {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
};

const loadSets = (): Set_[] => {
  const sets: Set_[] = [];
  const patstat = loadPatstat();
  if (patstat)
    sets.push({
      name: patstat.name,
      pairs: candidatePairs(patstat.records, patstat.labels),
      labels: patstat.labels,
    });
  const synthetic = (name: string, records: SyntheticRecord[]): Set_ => {
    const labels = new Map(records.map((record) => [record.id, record.entity]));
    return { name, pairs: candidatePairs(records, labels), labels };
  };
  sets.push(
    synthetic('synthetic_organisations', generateOrganisations(seededRandom(20240601), { entities: 4000 })),
  );
  sets.push(synthetic('synthetic_listings', generateListings(seededRandom(20240602), { entities: 3000 })));
  return sets;
};

const samplesOf = (sets: readonly Set_[], keep: (set: Set_, pair: LabelledPair) => boolean): Sample[] =>
  sets.flatMap((set) =>
    weightSamples(
      set.pairs.filter((pair) => keep(set, pair)),
      set.labels,
      SET_WEIGHT,
    ),
  );

const predict = (beta: readonly number[], x: readonly number[]): number =>
  1 / (1 + Math.exp(-x.reduce((sum, value, i) => sum + value * beta[i + 1]!, beta[0]!)));

const sets = loadSets();
for (const set of sets) {
  const positives = set.pairs.filter((pair) => pair.same).length;
  console.log(`${set.name}: ${set.pairs.length} candidate pairs, ${positives} matching`);
}

// Cross-validation grouped by entity label: a pair is in a fold when both its records' labels are.
const foldOf = (set: Set_, id: string): number => hash(set.labels.get(id)!) % FOLDS;
const counts = new Map<string, { tp: number; fp: number; fn: number }>();
for (let fold = 0; fold < FOLDS; fold++) {
  const beta = fitSignConstrained(
    samplesOf(sets, (set, pair) => foldOf(set, pair.left) !== fold && foldOf(set, pair.right) !== fold),
    SIGNS,
    L2,
  );
  for (const set of sets) {
    for (const pair of set.pairs) {
      if (foldOf(set, pair.left) !== fold || foldOf(set, pair.right) !== fold) continue;
      const p = predict(beta, pair.x);
      for (const threshold of THRESHOLDS) {
        const key = `${set.name}@${threshold}`;
        const c = counts.get(key) ?? { tp: 0, fp: 0, fn: 0 };
        if (p >= threshold && pair.same) c.tp++;
        else if (p >= threshold) c.fp++;
        else if (pair.same) c.fn++;
        counts.set(key, c);
      }
    }
  }
}
const f1 = ({ tp, fp, fn }: { tp: number; fp: number; fn: number }) => (2 * tp) / (2 * tp + fp + fn || 1);
let best = { threshold: 0.5, score: -1 };
for (const threshold of THRESHOLDS) {
  const perSet = sets.map((set) => f1(counts.get(`${set.name}@${threshold}`)!));
  const mean = perSet.reduce((a, b) => a + b, 0) / perSet.length;
  console.log(`threshold ${threshold}: held-out pair F1 ${perSet.map((v) => v.toFixed(3)).join(' / ')}`);
  if (mean > best.score) best = { threshold, score: mean };
}

const beta = fitSignConstrained(
  samplesOf(sets, () => true),
  SIGNS,
  L2,
);
const weights = Object.fromEntries(FEATURES.map((feature, i) => [feature, Number(beta[i + 1]!.toFixed(3))]));
const possible = Number(Math.max(0.1, best.threshold / 3).toFixed(2));
console.log('intercept', beta[0], weights, 'match threshold', best.threshold);

const target = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'shared',
  'src',
  'matching',
  'fittedModel.ts',
);
const provenance =
  `logistic regression (L2 ${L2}, IRLS) on blocked candidate pairs of ${sets.map((s) => s.name).join(' + ')}; ` +
  `match threshold by 5-fold entity-grouped cross-validation (mean held-out pair F1 ${best.score.toFixed(3)}); ` +
  'written by test/er-eval/fitModel.ts';
writeFileSync(
  target,
  `import type { MatchModel } from './matchModel.js';

/** Fitted by test/er-eval/fitModel.ts; do not edit by hand (see docs/matching.md). */
export const fittedModel: MatchModel = ${JSON.stringify(
    {
      intercept: Number(beta[0]!.toFixed(3)),
      weights,
      thresholds: { match: best.threshold, possible },
      provenance,
    },
    null,
    2,
  )};
`,
);
console.log(`wrote ${target}`);
