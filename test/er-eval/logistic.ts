/**
 * Weighted L2-regularised logistic regression by Newton's method (IRLS). Small and exact: the model
 * has about twenty features, so the Hessian is a 22×22 system solved directly.
 */
export type Sample = { x: number[]; y: 0 | 1; weight: number };

const solve = (matrix: number[][], vector: number[]): number[] => {
  const n = vector.length;
  const a = matrix.map((row, i) => [...row, vector[i] as number]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++)
      if (Math.abs(a[row]![col]!) > Math.abs(a[pivot]![col]!)) pivot = row;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const lead = a[col]![col]!;
    for (let row = 0; row < n; row++) {
      if (row === col) continue;
      const factor = a[row]![col]! / lead;
      for (let k = col; k <= n; k++) a[row]![k]! -= factor * a[col]![k]!;
    }
  }
  return a.map((row, i) => row[n]! / row[i]!);
};

/** Returns [intercept, ...weights]. `l2` penalises weights, not the intercept. */
export const fitLogistic = (
  samples: readonly Sample[],
  features: number,
  l2 = 1,
  iterations = 30,
): number[] => {
  const size = features + 1;
  let beta = new Array<number>(size).fill(0);
  for (let iteration = 0; iteration < iterations; iteration++) {
    const gradient = new Array<number>(size).fill(0);
    const hessian = Array.from({ length: size }, () => new Array<number>(size).fill(0));
    for (const { x, y, weight } of samples) {
      const row = [1, ...x];
      const z = row.reduce((sum, value, i) => sum + value * beta[i]!, 0);
      const p = 1 / (1 + Math.exp(-z));
      const w = weight * p * (1 - p);
      for (let i = 0; i < size; i++) {
        if (row[i] === 0) continue;
        gradient[i]! += weight * (y - p) * row[i]!;
        for (let j = 0; j < size; j++) if (row[j] !== 0) hessian[i]![j]! += w * row[i]! * row[j]!;
      }
    }
    for (let i = 1; i < size; i++) {
      gradient[i]! -= l2 * beta[i]!;
      hessian[i]![i]! += l2;
    }
    hessian[0]![0]! += 1e-9;
    const step = solve(hessian, gradient);
    beta = beta.map((value, i) => value + step[i]!);
    if (Math.max(...step.map(Math.abs)) < 1e-7) break;
  }
  return beta;
};

/**
 * Logistic regression whose weights keep the signs given (+1: agreement, may only raise the odds;
 * -1: disagreement, may only lower them). Active-set method: fit, fix the weight most strongly of the
 * wrong sign at zero, refit the rest, until no weight has the wrong sign. Returns [intercept, ...weights].
 */
export const fitSignConstrained = (
  samples: readonly Sample[],
  signs: readonly (1 | -1)[],
  l2 = 1,
): number[] => {
  const free = signs.map(() => true);
  for (;;) {
    const kept = signs.map((_, i) => i).filter((i) => free[i]);
    const projected = samples.map((sample) => ({ ...sample, x: kept.map((i) => sample.x[i]!) }));
    const beta = fitLogistic(projected, kept.length, l2);
    const full = [beta[0]!, ...signs.map(() => 0)];
    kept.forEach((feature, k) => (full[feature + 1] = beta[k + 1]!));
    // Drop only the worst offender each round: with collinear features, dropping one often rights another.
    const wrong = kept
      .filter((feature) => full[feature + 1]! * signs[feature]! < 0)
      .sort((x, y) => Math.abs(full[y + 1]!) - Math.abs(full[x + 1]!));
    if (wrong.length === 0) return full;
    free[wrong[0]!] = false;
  }
};
