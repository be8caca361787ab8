import type { MatchModel } from './matchModel.js';

/** Fitted by test/er-eval/fitModel.ts; do not edit by hand (see docs/matching.md). */
export const fittedModel: MatchModel = {
  "intercept": -5.335,
  "weights": {
    "name_exact": 0.857,
    "name_tfidf": -2.086,
    "name_tfidf_high": -0.134,
    "name_containment": 3.686,
    "name_squashed_high": 8.673,
    "name_acronym": 0,
    "name_weak": -0.315,
    "domain_same": 1.762,
    "domain_label_same": -0.795,
    "domain_diff": -0.982,
    "phone_same": 0.058,
    "phone_tail_same": 1.304,
    "phone_diff": -1.002,
    "phone_and_domain_diff": 0,
    "address_same": 1.466,
    "address_street_close": 0.214,
    "address_diff": -1.583,
    "zip_same": 1.364,
    "zip_diff": -1.449,
    "city_same": 1.146,
    "city_diff": -1.229,
    "email_same": 0.219
  },
  "thresholds": {
    "match": 0.2,
    "possible": 0.1
  },
  "provenance": "logistic regression (L2 1, IRLS) on blocked candidate pairs of patstat_companies + synthetic_organisations; match threshold by 5-fold entity-grouped cross-validation (mean held-out pair F1 0.964); written by test/er-eval/fitModel.ts"
};
