import { Client } from '@hubspot/api-client';
import { DomainError } from '@entente/shared/errors';
import { CrmErrors } from '../crmErrors.js';
import type { CircuitBreakers } from './circuitBreaker.js';
import type { CallKind, RateLimiters } from './rateLimiter.js';
import type { TokenManager } from './tokenManager.js';

export type RetryPolicy = {
  /** Retries after 5xx, timeouts and network errors. */
  maxRetries: number;
  /** Retries after a 429 (each waits for the limit's interval). */
  maxRateLimitRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
  /** How long a ten-secondly 429 waits when the headers do not say. */
  rateLimitWaitMs: number;
  searchRateLimitWaitMs: number;
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 4,
  maxRateLimitRetries: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  timeoutMs: 30_000,
  rateLimitWaitMs: 10_000,
  searchRateLimitWaitMs: 1_000,
};

type VendorError = { code?: unknown; body?: unknown; headers?: Record<string, string> };

class CallTimeout extends Error {}

const withTimeout = <T>(work: Promise<T>, ms: number): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new CallTimeout(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
};

const statusOf = (error: unknown): number | undefined => {
  const code = (error as VendorError | undefined)?.code;
  return typeof code === 'number' && code >= 100 && code < 600 ? code : undefined;
};

const bodyOf = (error: unknown): Record<string, unknown> => {
  const body = (error as VendorError | undefined)?.body;
  if (body && typeof body === 'object') return body as Record<string, unknown>;
  if (typeof body === 'string') {
    try {
      return JSON.parse(body) as Record<string, unknown>;
    } catch {
      return {};
    }
  }
  return {};
};

/**
 * Runs one HubSpot call for a tenant with everything a call needs: a fresh token, the tenant's
 * limiter, the circuit breaker, retries with jittered backoff on 5xx/timeouts, waits on 429 by
 * policy, the 401 → refresh → uninstalled path, and vendor errors translated into CRM.* codes.
 *
 * The api-client's own Bottleneck and retry decorator are left off (no `limiterOptions`,
 * `numberOfApiCallRetries: 0`): its limiter is per process and not per portal, and its retries
 * would hide 429s from ours. Ours is the only one in charge.
 */
export const createCallExecutor = (deps: {
  basePath: string;
  tokens: TokenManager;
  limiters: RateLimiters;
  breakers: CircuitBreakers;
  policy: RetryPolicy;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  onUninstalled: (tenantId: string) => Promise<void>;
}) => {
  const clients = new Map<string, { token: string; client: Client }>();

  const clientFor = (tenantId: string, token: string): Client => {
    const cached = clients.get(tenantId);
    if (cached?.token === token) return cached.client;
    const client = new Client({
      accessToken: token,
      basePath: deps.basePath,
      numberOfApiCallRetries: 0,
      middleware: [
        {
          pre: (context) => context,
          post: (context) => {
            const headers = (context as { headers?: Record<string, string> }).headers;
            if (headers) deps.limiters.observe(tenantId, headers);
            return context;
          },
        },
      ],
    });
    clients.set(tenantId, { token, client });
    return client;
  };

  const backoff = (attempt: number) => {
    const ceiling = Math.min(deps.policy.maxDelayMs, deps.policy.baseDelayMs * 2 ** attempt);
    return Math.round(ceiling / 2 + (deps.random() * ceiling) / 2);
  };

  return async <T>(tenantId: string, kind: CallKind, work: (client: Client) => Promise<T>): Promise<T> => {
    let failures = 0;
    let rateLimited = 0;
    let refreshedAfter401 = false;
    for (;;) {
      const blocked = deps.breakers.blockedFor(tenantId);
      if (blocked > 0) {
        throw CrmErrors.unavailable(
          `HubSpot kept failing for this portal; calls resume in ${Math.ceil(blocked / 1000)} s`,
        );
      }
      const access = await deps.tokens.accessToken(tenantId);
      try {
        const result = await deps.limiters.schedule(tenantId, kind, () =>
          withTimeout(work(clientFor(tenantId, access.token)), deps.policy.timeoutMs),
        );
        deps.breakers.success(tenantId);
        return result;
      } catch (error) {
        if (error instanceof DomainError) throw error;
        const status = statusOf(error);
        if (status === 401) {
          if (access.refreshFailed) {
            // The refresh token is dead and the access token is refused: the app is gone.
            await deps.onUninstalled(tenantId);
            throw CrmErrors.uninstalled(tenantId);
          }
          if (!refreshedAfter401) {
            refreshedAfter401 = true;
            await deps.tokens.refresh(tenantId, access.token);
            continue;
          }
          throw CrmErrors.unauthorized();
        }
        if (status === 429) {
          const body = bodyOf(error);
          const policyName = typeof body.policyName === 'string' ? body.policyName : undefined;
          if (policyName === 'DAILY')
            throw CrmErrors.rateLimited('The portal has used its daily HubSpot API allowance');
          const search = kind === 'search' || policyName === 'SECONDLY';
          const wait = search ? deps.policy.searchRateLimitWaitMs : deps.policy.rateLimitWaitMs;
          if (++rateLimited > deps.policy.maxRateLimitRetries) {
            throw CrmErrors.rateLimited('HubSpot kept answering 429 for this portal', wait);
          }
          await deps.sleep(wait + Math.round(deps.random() * deps.policy.baseDelayMs));
          continue;
        }
        const transient = status === undefined || status >= 500;
        if (transient) {
          deps.breakers.failure(tenantId);
          if (failures < deps.policy.maxRetries && deps.breakers.blockedFor(tenantId) === 0) {
            await deps.sleep(backoff(failures++));
            continue;
          }
          const what =
            error instanceof CallTimeout
              ? 'timed out'
              : status
                ? `answered ${status}`
                : 'could not be reached';
          throw CrmErrors.unavailable(`HubSpot ${what} (after ${failures + 1} attempts)`);
        }
        const body = bodyOf(error);
        const message = typeof body.message === 'string' ? body.message : `HubSpot answered ${status}`;
        if (status === 404) throw CrmErrors.notFound(message);
        throw CrmErrors.rejected(message, { status, category: body.category });
      }
    }
  };
};
export type CallExecutor = ReturnType<typeof createCallExecutor>;
