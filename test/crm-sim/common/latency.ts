import type { RequestHandler } from 'express';

/** Runtime-adjustable settings shared by a simulator's middleware. */
export type LatencySetting = { latencyMs: number };

/**
 * Delays every request by a fixed time before it is handled, standing in for the round trip to the
 * vendor's data centre. Zero skips the timer entirely so tests stay synchronous with fake timers.
 */
export const latencyMiddleware =
  (setting: LatencySetting): RequestHandler =>
  (_req, _res, next) => {
    if (setting.latencyMs <= 0) {
      next();
      return;
    }
    setTimeout(next, setting.latencyMs);
  };
