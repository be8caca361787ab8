import type { AttributableDeal, AttributionTouch } from '../attributableDeal.js';
import type { ModelName } from '../modelConfig.js';

/** What every model is given: the eligible touches in time order and the participants in first-touch order. */
export type ModelInput = {
  deal: AttributableDeal;
  touches: readonly AttributionTouch[];
  participants: readonly string[];
  /** For each touch, the index of its participant in `participants`. */
  touchOwner: readonly number[];
};

/**
 * A model's verdict before rounding. Touch-level models weigh each touch and a participant's weight
 * is the sum of its touches. Participant-level models (sourced/influenced, Shapley, Markov) weigh the
 * participants directly; their touch weights then only split a participant's share among its touches.
 */
export type ModelOutput = {
  touchWeights: readonly number[];
  /** Why each touch got its weight, e.g. "first touch" or "8 days before close"; "" for none. */
  labels: readonly string[];
  participantWeights?: readonly number[];
  /** A sentence per participant that explains a participant-level weight. */
  participantReasons?: readonly string[];
  /** Set when the model could not decide and fell back to an equal split, with the reason. */
  fallback?: string;
};

export type AttributionModel = {
  name: ModelName;
  /** How the model reads in an explanation: "the first-touch model". */
  title: string;
  credit(input: ModelInput): ModelOutput;
};

/** Equal credit per participant, used when a data-driven model has nothing to go on. */
export const equalParticipantOutput = (input: ModelInput, fallback: string): ModelOutput => ({
  touchWeights: input.touches.map(() => 1),
  labels: input.touches.map(() => ''),
  participantWeights: input.participants.map(() => 1),
  fallback,
});
