import Bottleneck from 'bottleneck';
import { Redis } from 'ioredis';

export type CallKind = 'standard' | 'search';

export type RateLimitOptions = {
  /** Requests per rolling 10 s per portal (110 for marketplace apps; depends on the tier). */
  requestsPer10s: number;
  /** Search has its own budget: 5 requests per second. */
  searchPerSecond: number;
  maxConcurrent: number;
  /** Set: limiters are clustered through Redis so every instance shares one budget per portal. */
  redisUrl?: string;
  /** Keeps test runs (and deployments) from sharing Redis keys by accident. */
  keyPrefix?: string;
};

const TEN_SECONDS = 10_000;

/**
 * One pair of Bottleneck limiters per tenant: the general API budget and the separate Search
 * budget. A reservoir holds the per-interval allowance and minTime spreads calls evenly, so a
 * rolling window never sees a burst at an interval boundary. HubSpot's rate-limit headers tune the
 * reservoir to what the portal actually allows.
 */
export const createRateLimiters = (options: RateLimitOptions) => {
  const limiters = new Map<string, Bottleneck>();
  let connection: Bottleneck.IORedisConnection | undefined;
  const redisConnection = () => {
    if (!options.redisUrl) return undefined;
    connection ??= new Bottleneck.IORedisConnection({
      client: new Redis(options.redisUrl, { maxRetriesPerRequest: 3 }),
      Redis,
    } as Bottleneck.IORedisConnectionOptions);
    return connection;
  };

  const settings = (kind: CallKind) =>
    kind === 'search'
      ? { max: options.searchPerSecond, intervalMs: 1_000 }
      : { max: options.requestsPer10s, intervalMs: TEN_SECONDS };

  const limiterFor = (tenantId: string, kind: CallKind): Bottleneck => {
    const id = `${options.keyPrefix ?? 'entente'}:hubspot:${kind}:${tenantId}`;
    let limiter = limiters.get(id);
    if (!limiter) {
      const { max, intervalMs } = settings(kind);
      const shared = redisConnection();
      limiter = new Bottleneck({
        id,
        reservoir: max,
        reservoirRefreshAmount: max,
        reservoirRefreshInterval: intervalMs,
        minTime: Math.ceil(intervalMs / max),
        maxConcurrent: options.maxConcurrent,
        ...(shared
          ? { datastore: 'ioredis', connection: shared, clearDatastore: false, timeout: 60_000 }
          : {}),
      });
      limiter.on('error', () => undefined);
      limiters.set(id, limiter);
    }
    return limiter;
  };

  return {
    schedule: <T>(tenantId: string, kind: CallKind, work: () => Promise<T>): Promise<T> =>
      limiterFor(tenantId, kind).schedule(work),
    /**
     * Follows the X-HubSpot-RateLimit-* headers: when the portal's real allowance differs from the
     * configured tier, the reservoir follows it; when nothing remains, nothing more is sent until
     * the interval has passed.
     */
    observe(tenantId: string, headers: Record<string, string | undefined>): void {
      const max = Number(headers['x-hubspot-ratelimit-max']);
      const remaining = Number(headers['x-hubspot-ratelimit-remaining']);
      const intervalMs = Number(headers['x-hubspot-ratelimit-interval-milliseconds']);
      if (!Number.isFinite(max) || !Number.isFinite(remaining) || !(max > 0)) return;
      const limiter = limiterFor(tenantId, 'standard');
      const interval = Number.isFinite(intervalMs) && intervalMs > 0 ? intervalMs : TEN_SECONDS;
      if (max !== options.requestsPer10s) {
        limiter.updateSettings({
          reservoirRefreshAmount: max,
          reservoirRefreshInterval: interval,
          minTime: Math.ceil(interval / max),
        });
      }
      if (remaining <= 0) limiter.updateSettings({ reservoir: 0 });
    },
    limiterFor,
    async close(): Promise<void> {
      await Promise.all([...limiters.values()].map((limiter) => limiter.disconnect(false)));
      limiters.clear();
      if (connection) await connection.disconnect(false);
      connection = undefined;
    },
  };
};
export type RateLimiters = ReturnType<typeof createRateLimiters>;
