import { DomainError } from '../errors/index.js';

/**
 * Splits an integer total in proportion to non-negative integer weights so the parts add up to the
 * total exactly (Hamilton's largest-remainder method). Each part first gets the floor of its exact
 * quota; the units left over go to the largest remainders, and equal remainders go to the earlier
 * index, so the same input always gives the same split.
 */
export const allocateLargestRemainder = (total: number, weights: readonly number[]): number[] => {
  if (!Number.isSafeInteger(total)) throw invalid('the total must be a safe integer', { total });
  if (total < 0) return allocateLargestRemainder(-total, weights).map((part) => (part === 0 ? 0 : -part));
  let weightSum = 0;
  for (const weight of weights) {
    if (!Number.isSafeInteger(weight) || weight < 0)
      throw invalid('weights must be non-negative integers', { weights });
    weightSum += weight;
  }
  if (weightSum === 0) throw invalid('at least one weight must be positive', { weights });
  if (!Number.isSafeInteger(weightSum)) throw invalid('the weights are too large', { weights });

  const parts = new Array<number>(weights.length);
  const remainders = new Array<number>(weights.length);
  let given = 0;
  if (Number.isSafeInteger(total * weightSum)) {
    for (let i = 0; i < weights.length; i += 1) {
      const scaled = total * (weights[i] as number);
      const part = Math.floor(scaled / weightSum);
      parts[i] = part;
      remainders[i] = scaled - part * weightSum;
      given += part;
    }
  } else {
    // The exact quota needs more than 53 bits; BigInt keeps it exact.
    const bigTotal = BigInt(total);
    const bigSum = BigInt(weightSum);
    for (let i = 0; i < weights.length; i += 1) {
      const scaled = bigTotal * BigInt(weights[i] as number);
      const part = scaled / bigSum;
      parts[i] = Number(part);
      remainders[i] = Number(scaled - part * bigSum);
      given += Number(part);
    }
  }
  // Fewer units are left than there are weights: largest remainder first, the earlier index on ties.
  for (let left = total - given; left > 0; left -= 1) {
    let best = 0;
    for (let i = 1; i < weights.length; i += 1) {
      if ((remainders[i] as number) > (remainders[best] as number)) best = i;
    }
    parts[best] = (parts[best] as number) + 1;
    remainders[best] = -1;
  }
  return parts;
};

/**
 * Integer weights for the allocator. Integer weights (the rule-based models) pass through unchanged,
 * so their splits are exact; real-valued ones (time decay, Shapley, Markov) are scaled so the largest
 * is 2^32, a resolution far below one minor unit of any realistic deal.
 */
export const toIntegerWeights = (weights: readonly number[]): number[] => {
  let max = 0;
  let sum = 0;
  let allIntegers = true;
  for (const weight of weights) {
    if (!Number.isFinite(weight) || weight < 0)
      throw invalid('weights must be finite and non-negative', { weights });
    if (weight > max) max = weight;
    sum += weight;
    if (!Number.isInteger(weight)) allIntegers = false;
  }
  if (allIntegers && Number.isSafeInteger(sum)) return [...weights];
  if (max === 0) return weights.map(() => 0);
  const scale = 2 ** 32 / max;
  return weights.map((weight) => Math.round(weight * scale));
};

const invalid = (message: string, details: unknown): DomainError =>
  new DomainError('ATTRIBUTION.INVALID_INPUT', `Cannot allocate: ${message}`, { details });
