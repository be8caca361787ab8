import type { Request, RequestHandler, Response } from 'express';
import type { Clock } from '../common/clock.js';
import { correlationId } from '../common/ids.js';
import { DailyAllowance, RollingWindow } from '../common/rolling-window.js';

export type HubSpotLimitOptions = {
  /** Requests per rolling interval per portal (marketplace OAuth apps: 110 per 10 s). */
  max: number;
  intervalMs: number;
  /** Search requests per second per portal (5), counted separately. */
  searchPerSecond: number;
  /** Requests per day per portal. */
  daily: number;
};

export const DEFAULT_LIMITS: HubSpotLimitOptions = {
  max: 110,
  intervalMs: 10_000,
  searchPerSecond: 5,
  daily: 500_000,
};

type PortalWindows = { burst: RollingWindow; search: RollingWindow; daily: DailyAllowance };

type PolicyName = 'TEN_SECONDLY_ROLLING' | 'SECONDLY' | 'DAILY';

const MESSAGES: Record<PolicyName, string> = {
  TEN_SECONDLY_ROLLING: 'You have reached your ten_secondly_rolling limit.',
  // The api-client's retry decorator recognises the search limit by this exact message.
  SECONDLY: 'You have reached your secondly limit.',
  DAILY: 'You have reached your daily limit.',
};

const isSearch = (req: Request): boolean =>
  req.method === 'POST' && /^\/crm\/v3\/objects\/[^/]+\/search\/?$/.test(req.path);

/** HubSpot's per-portal limits, with the documented headers and 429 bodies. */
export class HubSpotRateLimits {
  private readonly portals = new Map<number, PortalWindows>();
  /** 429s answered, by policy, for benchmarks and tests. */
  readonly rejected: Record<PolicyName, number> = { TEN_SECONDLY_ROLLING: 0, SECONDLY: 0, DAILY: 0 };

  constructor(
    public options: HubSpotLimitOptions,
    private readonly clock: Clock,
    private readonly appId: number,
  ) {}

  windows(portalId: number): PortalWindows {
    let found = this.portals.get(portalId);
    if (!found) {
      found = {
        burst: new RollingWindow(this.options.max, this.options.intervalMs, this.clock),
        search: new RollingWindow(this.options.searchPerSecond, 1000, this.clock),
        daily: new DailyAllowance(this.options.daily, this.clock),
      };
      this.portals.set(portalId, found);
    }
    return found;
  }

  /** Forgets all counts, e.g. after changing `options`. */
  reset(): void {
    this.portals.clear();
  }

  middleware(): RequestHandler {
    return (req, res, next) => {
      const portalId = res.locals.portalId as number;
      const windows = this.windows(portalId);
      if (isSearch(req)) {
        // Search has its own limit, is excluded from the ten-second one and sends no headers.
        const decision = windows.search.tryAcquire();
        if (!decision.allowed) {
          this.reject(res, 'SECONDLY', portalId);
          return;
        }
        next();
        return;
      }
      if (windows.daily.remaining() <= 0) {
        this.reject(res, 'DAILY', portalId);
        return;
      }
      const decision = windows.burst.tryAcquire();
      res.setHeader('X-HubSpot-RateLimit-Max', String(this.options.max));
      res.setHeader('X-HubSpot-RateLimit-Interval-Milliseconds', String(this.options.intervalMs));
      res.setHeader('X-HubSpot-RateLimit-Remaining', String(decision.remaining));
      if (!decision.allowed) {
        res.setHeader('X-HubSpot-RateLimit-Daily', String(this.options.daily));
        res.setHeader('X-HubSpot-RateLimit-Daily-Remaining', String(windows.daily.remaining()));
        this.reject(res, 'TEN_SECONDLY_ROLLING', portalId);
        return;
      }
      const daily = windows.daily.tryAcquire();
      res.setHeader('X-HubSpot-RateLimit-Daily', String(this.options.daily));
      res.setHeader('X-HubSpot-RateLimit-Daily-Remaining', String(daily.remaining));
      next();
    };
  }

  private reject(res: Response, policyName: PolicyName, portalId: number): void {
    this.rejected[policyName] += 1;
    res.status(429).json({
      status: 'error',
      message: MESSAGES[policyName],
      errorType: 'RATE_LIMIT',
      correlationId: correlationId(),
      policyName,
      groupName: `publicapi:oauth:${this.appId}:${portalId}`,
    });
  }
}
