import type { Random } from '../../random/index.js';
import { DomainError } from '../../errors/index.js';

/** The worth of a coalition, given as the sorted indices of its players. */
export type CoalitionValue = (members: readonly number[]) => number;

export type ShapleyOptions = {
  /** Exact enumeration up to this many players (2^n coalitions); permutation sampling beyond. */
  exactUpTo?: number;
  /** Permutations drawn when sampling. */
  samples?: number;
  /** Required when sampling; shared/ never draws its own randomness. */
  random?: Random;
};

export type ShapleyResult = { values: number[]; method: 'exact' | 'sampled'; coalitionsEvaluated: number };

/**
 * Shapley values of a cooperative game with `playerCount` players: each player's average marginal
 * contribution over every order in which the coalition could have formed. Exact enumeration is
 * O(n·2^n); beyond `exactUpTo` players it averages over `samples` random orders instead.
 */
export const shapleyValues = (
  playerCount: number,
  value: CoalitionValue,
  options: ShapleyOptions = {},
): ShapleyResult => {
  const exactUpTo = options.exactUpTo ?? 12;
  if (playerCount === 0) return { values: [], method: 'exact', coalitionsEvaluated: 0 };
  if (playerCount <= exactUpTo && playerCount <= 20) return exactShapley(playerCount, value);
  if (!options.random) {
    throw new DomainError(
      'ATTRIBUTION.RANDOM_REQUIRED',
      `Sampling Shapley values for ${playerCount} players needs a seeded Random`,
    );
  }
  return sampledShapley(playerCount, value, options.samples ?? 2000, options.random);
};

const exactShapley = (n: number, value: CoalitionValue): ShapleyResult => {
  const size = 1 << n;
  const worth = new Float64Array(size);
  for (let mask = 0; mask < size; mask += 1) worth[mask] = value(membersOf(mask, n));
  // weightBySize[s] = s!(n−s−1)!/n!, the probability that exactly the s players of S precede i.
  const weightBySize = new Float64Array(n);
  for (let s = 0; s < n; s += 1) weightBySize[s] = 1 / (n * binomial(n - 1, s));
  const values = new Array<number>(n).fill(0);
  for (let mask = 0; mask < size; mask += 1) {
    const s = popCount(mask);
    for (let i = 0; i < n; i += 1) {
      const bit = 1 << i;
      if (mask & bit) continue;
      values[i] =
        (values[i] as number) +
        (weightBySize[s] as number) * ((worth[mask | bit] as number) - (worth[mask] as number));
    }
  }
  return { values, method: 'exact', coalitionsEvaluated: size };
};

const sampledShapley = (n: number, value: CoalitionValue, samples: number, random: Random): ShapleyResult => {
  const memo = new Map<string, number>();
  const worthOf = (members: number[]): number => {
    const sorted = [...members].sort((a, b) => a - b);
    const key = sorted.join(',');
    let worth = memo.get(key);
    if (worth === undefined) {
      worth = value(sorted);
      memo.set(key, worth);
    }
    return worth;
  };
  const totals = new Array<number>(n).fill(0);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let sample = 0; sample < samples; sample += 1) {
    for (let i = n - 1; i > 0; i -= 1) {
      const j = random.int(0, i);
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    const members: number[] = [];
    let before = worthOf(members);
    for (const player of order) {
      members.push(player);
      const after = worthOf(members);
      totals[player] = (totals[player] as number) + after - before;
      before = after;
    }
  }
  return {
    values: totals.map((total) => total / samples),
    method: 'sampled',
    coalitionsEvaluated: memo.size,
  };
};

const membersOf = (mask: number, n: number): number[] => {
  const members: number[] = [];
  for (let i = 0; i < n; i += 1) if (mask & (1 << i)) members.push(i);
  return members;
};

const popCount = (mask: number): number => {
  let count = 0;
  for (let m = mask; m; m &= m - 1) count += 1;
  return count;
};

const binomial = (n: number, k: number): number => {
  let result = 1;
  for (let i = 1; i <= k; i += 1) result = (result * (n - k + i)) / i;
  return result;
};
