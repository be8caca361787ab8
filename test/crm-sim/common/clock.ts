/** Milliseconds since the epoch. Injected so tests can drive rate-limit windows and token expiry. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();
