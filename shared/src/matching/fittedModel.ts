import type { MatchModel } from './matchModel.js';

/** Fitted by test/er-eval/fitModel.ts; do not edit by hand (see docs/matching.md). */
export const fittedModel: MatchModel = {
  "intercept": -5.448,
  "weights": {
    "name_exact": 0.621,
    "name_tfidf": -2.108,
    "name_tfidf_high": -0.005,
    "name_containment": 3.801,
    "name_squashed_high": 8.658,
    "name_acronym": 0,
    "name_weak": -0.35,
    "domain_same": 0.723,
    "domain_label_same": -0.77,
    "domain_diff": -0.884,
    "phone_same": 0.044,
    "phone_tail_same": 0.806,
    "phone_diff": -1.378,
    "address_same": 0.87,
    "address_street_close": 0.058,
    "address_diff": -1.706,
    "zip_same": 0.785,
    "zip_diff": -1.434,
    "city_same": 0.807,
    "city_diff": -1.529,
    "email_same": 0.061
  },
  "thresholds": {
    "match": 0.2,
    "possible": 0.1
  },
  "provenance": "logistic regression (L2 1, IRLS) on blocked candidate pairs of patstat_companies + synthetic_organisations; match threshold by 5-fold entity-grouped cross-validation (mean held-out pair F1 0.974); written by test/er-eval/fitModel.ts"
};
