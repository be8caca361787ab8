import type { MatchModel } from './matchModel.js';

/** Fitted by test/er-eval/fitModel.ts; do not edit by hand (see docs/matching.md). */
export const fittedModel: MatchModel = {
  intercept: -5,
  weights: {
    name_exact: 0,
    name_tfidf: 0,
    name_tfidf_high: 0,
    name_containment: 1.87,
    name_squashed_high: 8.245,
    name_acronym: 1.15,
    name_weak: -0.549,
    domain_same: 2.068,
    domain_label_same: 0,
    domain_diff: -0.506,
    phone_same: 1.499,
    phone_tail_same: 0,
    phone_diff: -2.496,
    phone_and_domain_diff: -0.162,
    address_same: 1.78,
    address_street_close: 0.27,
    address_diff: -3.686,
    zip_same: 1.512,
    zip_diff: -0.922,
    city_same: 0.34,
    city_diff: -1.923,
    email_same: 0.25,
  },
  thresholds: {
    match: 0.4,
    possible: 0.13,
  },
  provenance:
    'logistic regression (L2 1, IRLS) on blocked candidate pairs of patstat_companies + synthetic_organisations + synthetic_listings; match threshold by 5-fold entity-grouped cross-validation (mean held-out pair F1 0.943); written by test/er-eval/fitModel.ts',
};
