import { setTimeout as delay } from 'node:timers/promises';
import { Client } from '@hubspot/api-client';
import type Bottleneck from 'bottleneck';
import type { User } from '@entente/shared/domain';
import { DomainError } from '@entente/shared/errors';
import type { ConnectorDeps } from '../crmPort.js';
import { cipherFor } from '../../secrets/encryption.js';
import type { CrmPort } from '../crmPort.js';
import { createCallExecutor, DEFAULT_RETRY_POLICY, type RetryPolicy } from './callExecutor.js';
import { createCircuitBreakers } from './circuitBreaker.js';
import { createHubSpotAdapter } from './hubspotAdapter.js';
import { hubspotOAuth, type HubSpotOAuth } from './oauthClient.js';
import { markPortalUninstalled } from './portalLifecycle.js';
import { createRateLimiters } from './rateLimiter.js';
import { createTokenManager } from './tokenManager.js';
import { toUser } from './toDomain.js';

export type HubSpotConnectorOptions = {
  policy?: Partial<RetryPolicy>;
  breaker?: { threshold: number; cooldownMs: number };
  maxConcurrent?: number;
  /** Prefix for the shared Redis limiter keys. */
  keyPrefix?: string;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
};

export const hubspotRedirectUri = (ctx: Pick<ConnectorDeps, 'config'>) =>
  `${ctx.config.publicUrl}/oauth/hubspot/callback`;

const buildConnector = (ctx: ConnectorDeps, options: HubSpotConnectorOptions) => {
  const { config } = ctx;
  const oauth = (): HubSpotOAuth => {
    const { clientId, clientSecret } = config.hubspot;
    if (!clientId || !clientSecret) {
      throw new DomainError(
        'HUBSPOT.NOT_CONFIGURED',
        'HUBSPOT_CLIENT_ID and HUBSPOT_CLIENT_SECRET are not set',
      );
    }
    return hubspotOAuth({
      clientId,
      clientSecret,
      apiBaseUrl: config.hubspot.apiBaseUrl,
      tokenPath: config.hubspot.tokenPath,
      redirectUri: hubspotRedirectUri(ctx),
    });
  };
  const cipher = cipherFor(config);
  const tokens = createTokenManager({ store: ctx.store, cipher, oauth, now: ctx.now });
  const limiters = createRateLimiters({
    requestsPer10s: config.hubspot.requestsPer10s,
    searchPerSecond: 5,
    maxConcurrent: options.maxConcurrent ?? 10,
    ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}),
    ...(options.keyPrefix ? { keyPrefix: options.keyPrefix } : {}),
  });
  const breakers = createCircuitBreakers({
    threshold: options.breaker?.threshold ?? 8,
    cooldownMs: options.breaker?.cooldownMs ?? 60_000,
    now: () => ctx.now().getTime(),
  });
  const onUninstalled = async (tenantId: string) => {
    ctx.logger.warn(
      { tenantId },
      'hubspot portal refuses our tokens after a failed refresh: marking it uninstalled',
    );
    await markPortalUninstalled(ctx.store, tenantId, ctx.now(), config.hubspot.retentionDays);
  };
  const execute = createCallExecutor({
    basePath: config.hubspot.apiBaseUrl,
    tokens,
    limiters,
    breakers,
    policy: { ...DEFAULT_RETRY_POLICY, ...options.policy },
    sleep: options.sleep ?? ((ms) => delay(ms)),
    random: options.random ?? Math.random,
    onUninstalled,
  });
  /**
   * One call with an install's own fresh token, before the tenant has any: no limiter (the portal
   * is not ours yet), no retries, and an answer within 10 s or none.
   */
  const withInstallToken = async <T>(
    accessToken: string,
    work: (client: Client) => Promise<T>,
  ): Promise<T> => {
    const client = new Client({
      accessToken,
      basePath: config.hubspot.apiBaseUrl,
      numberOfApiCallRetries: 0,
    });
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        work(client),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('no answer within 10 s')), 10_000);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  };

  /**
   * The account's UI domain and data-hosting location (`GET /account-info/2026-03/details`), read
   * once at install with the fresh token so record links point where the portal's users work.
   * Best effort: undefined when HubSpot does not answer (links then use the default).
   */
  const accountDetails = async (
    accessToken: string,
  ): Promise<{ uiDomain: string; dataHostingLocation: string | null } | undefined> => {
    try {
      const response = await withInstallToken(accessToken, (client) =>
        client.apiRequest({ method: 'GET', path: '/account-info/2026-03/details' }),
      );
      if (!response.ok) return undefined;
      const body = (await response.json()) as { uiDomain?: unknown; dataHostingLocation?: unknown };
      // Only a HubSpot host name is taken: it becomes the origin of links shown to users.
      if (typeof body.uiDomain !== 'string' || !/^app(-[a-z0-9]+)?\.hubspot\.com$/.test(body.uiDomain))
        return undefined;
      return {
        uiDomain: body.uiDomain,
        dataHostingLocation: typeof body.dataHostingLocation === 'string' ? body.dataHostingLocation : null,
      };
    } catch (error) {
      ctx.logger.warn(
        { err: error },
        'hubspot: could not read the account details; record links use the default',
      );
      return undefined;
    }
  };

  /**
   * The owner record of the HubSpot user who just installed, read with the install's own token
   * (`GET /crm/v3/owners/{userId}?idProperty=userId`): it lets the installer's Entente user carry
   * the id the owner backfill will bring. Undefined when the user owns no records, or HubSpot does
   * not answer (the backfill merges them later).
   */
  const ownerOfUser = async (accessToken: string, hubspotUserId: string): Promise<User | undefined> => {
    try {
      return toUser(
        await withInstallToken(accessToken, (client) =>
          client.crm.owners.ownersApi.getById(Number(hubspotUserId), 'userId', false),
        ),
      );
    } catch (error) {
      if ((error as { code?: unknown }).code !== 404)
        ctx.logger.warn(
          { err: error, hubspotUserId },
          'hubspot: could not read the installing user’s owner record; the backfill will link it',
        );
      return undefined;
    }
  };
  return {
    oauth,
    cipher,
    tokens,
    limiters,
    ownerOfUser,
    accountDetails,
    forTenant: (tenantId: string): CrmPort =>
      createHubSpotAdapter({
        tenantId,
        execute,
        loadMapping: async () => (await ctx.store.forTenant(tenantId).crmSync.settings()).fieldMapping,
        defaultCurrency: 'USD',
        now: ctx.now,
      }),
    close: () => limiters.close(),
  };
};
export type HubSpotConnector = ReturnType<typeof buildConnector>;
export type { Bottleneck };

const connectors = new WeakMap<ConnectorDeps, HubSpotConnector>();

/**
 * The connector lives as long as its context: per-tenant limiters, breakers and refreshes must be
 * shared by every caller in the process, so there is one per context.
 */
export const hubspotConnector = (ctx: ConnectorDeps): HubSpotConnector => {
  let connector = connectors.get(ctx);
  if (!connector) {
    connector = buildConnector(ctx, {});
    connectors.set(ctx, connector);
  }
  return connector;
};

/** Replaces the context's connector with one built from these options (tests, benchmarks). */
export const configureHubSpotConnector = (
  ctx: ConnectorDeps,
  options: HubSpotConnectorOptions,
): HubSpotConnector => {
  const connector = buildConnector(ctx, options);
  connectors.set(ctx, connector);
  return connector;
};
