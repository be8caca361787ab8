import { DomainError } from '../errors/index.js';
import type { Random } from '../random/index.js';
import type { AttributableDeal } from './attributableDeal.js';
import { modelConfigSchema, type ModelConfig, type ModelConfigInput } from './modelConfig.js';
import { learnCoalitionHistory } from './models/coalitionHistory.js';
import { firstTouchModel, lastTouchModel } from './models/firstLastTouch.js';
import { linearModel } from './models/linear.js';
import { learnMarkovChain, markovModel } from './models/markov.js';
import type { AttributionModel } from './models/modelTypes.js';
import { positionBasedModel } from './models/positionBased.js';
import { shapleyModel } from './models/shapleyModel.js';
import { sourcedInfluencedModel } from './models/sourcedInfluenced.js';
import { timeDecayModel } from './models/timeDecay.js';

export type CreateModelOptions = {
  /** Closed deals the data-driven models learn from; required for shapley and markov. */
  history?: readonly AttributableDeal[];
  /** Used only when Shapley values are sampled (deals with more participants than exactUpTo). */
  random?: Random;
};

/** Validates a declared model and builds it, training the data-driven ones on `history`. */
export const createModel = (config: ModelConfigInput, options: CreateModelOptions = {}): AttributionModel => {
  const parsed = modelConfigSchema.safeParse(config);
  if (!parsed.success) {
    throw new DomainError(
      'ATTRIBUTION.INVALID_MODEL',
      `The attribution model is not valid: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
      {
        details: parsed.error.issues,
      },
    );
  }
  return buildModel(parsed.data, options);
};

const buildModel = (config: ModelConfig, options: CreateModelOptions): AttributionModel => {
  switch (config.name) {
    case 'sourced_influenced':
      return sourcedInfluencedModel(config.sourcedPercent);
    case 'first_touch':
      return firstTouchModel;
    case 'last_touch':
      return lastTouchModel;
    case 'linear':
      return linearModel;
    case 'time_decay':
      return timeDecayModel(config.halfLifeDays);
    case 'position_based':
      return positionBasedModel(config.weights);
    case 'shapley':
      return shapleyModel(learnCoalitionHistory(requireHistory(config.name, options)), {
        exactUpTo: config.exactUpTo,
        samples: config.samples,
        ...(options.random ? { random: options.random } : {}),
      });
    case 'markov':
      return markovModel(learnMarkovChain(requireHistory(config.name, options)));
  }
};

const requireHistory = (name: string, options: CreateModelOptions): readonly AttributableDeal[] => {
  if (!options.history) {
    throw new DomainError(
      'ATTRIBUTION.HISTORY_REQUIRED',
      `The ${name} model learns from historical deals; pass them as history`,
    );
  }
  return options.history;
};
