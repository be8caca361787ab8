/**
 * Per-tenant circuit breaker: after `threshold` consecutive failures (5xx, timeouts) the portal
 * gets no calls for `cooldownMs`; then one trial call decides whether it closes again.
 */
export const createCircuitBreakers = (options: {
  threshold: number;
  cooldownMs: number;
  now: () => number;
}) => {
  const states = new Map<string, { failures: number; openUntil: number }>();
  const stateOf = (tenantId: string) => {
    let state = states.get(tenantId);
    if (!state) {
      state = { failures: 0, openUntil: 0 };
      states.set(tenantId, state);
    }
    return state;
  };
  return {
    /** Milliseconds until calls may resume, or 0 when the circuit lets calls through. */
    blockedFor(tenantId: string): number {
      const state = stateOf(tenantId);
      return Math.max(0, state.openUntil - options.now());
    },
    success(tenantId: string): void {
      const state = stateOf(tenantId);
      state.failures = 0;
      state.openUntil = 0;
    },
    failure(tenantId: string): void {
      const state = stateOf(tenantId);
      state.failures++;
      if (state.failures >= options.threshold) state.openUntil = options.now() + options.cooldownMs;
    },
  };
};
export type CircuitBreakers = ReturnType<typeof createCircuitBreakers>;
