import express, { type ErrorRequestHandler, type Express } from 'express';
import { systemClock, type Clock } from '../common/clock.js';
import { createFaultInjector, type FaultInjector } from '../common/faults.js';
import { correlationId } from '../common/ids.js';
import { latencyMiddleware, type LatencySetting } from '../common/latency.js';
import { associationRoutes } from './association-routes.js';
import { authenticate } from './auth.js';
import { batchRoutes } from './batch-routes.js';
import type { HubSpotContext } from './context.js';
import { HsApiError, sendError } from './errors.js';
import { installRoutes } from './install-routes.js';
import { oauthRoutes } from './oauth-routes.js';
import { objectRoutes } from './object-routes.js';
import { ownerRoutes } from './owner-routes.js';
import { propertyRoutes } from './property-routes.js';
import { DEFAULT_LIMITS, HubSpotRateLimits, type HubSpotLimitOptions } from './rate-limits.js';
import { schemaRoutes } from './schema-routes.js';
import { searchRoutes } from './search-routes.js';
import { seedPortal } from './seed.js';
import { HubSpotStore } from './store.js';
import { HubSpotTokens } from './tokens.js';
import {
  DEFAULT_SUBSCRIPTIONS,
  projectSubscriptions,
  type WebhookFormat,
  type WebhookSubscription,
} from './webhook-payloads.js';
import { WebhookDispatcher } from './webhooks.js';

export type HubSpotAppOptions = {
  /** Per-request latency; 120 ms is typical of api.hubapi.com from a nearby region. */
  latencyMs?: number;
  seed?: number;
  /** Deals in the seeded portal; companies (size/3), contacts and owners scale with it. */
  size?: number;
  clientId?: string;
  clientSecret?: string;
  appId?: number;
  portalId?: number;
  webhookTargetUrl?: string;
  webhookSubscriptions?: WebhookSubscription[];
  webhookFormat?: WebhookFormat;
  /** Events are batched for this long before sending; 0 delivers only on `webhooks.flush()`. */
  webhookBatchWindowMs?: number;
  limits?: Partial<HubSpotLimitOptions>;
  /** Time before a write is visible to search. */
  searchIndexDelayMs?: number;
  accessTokenTtlSeconds?: number;
  /** False: the seeded account has no custom objects (no Enterprise), so it grants no custom-object scopes. */
  customObjects?: boolean;
  clock?: Clock;
};

export type HubSpotApp = {
  app: Express;
  context: HubSpotContext;
  faults: FaultInjector;
  webhooks: WebhookDispatcher;
  latency: LatencySetting;
  options: Required<
    Pick<HubSpotAppOptions, 'seed' | 'size' | 'clientId' | 'clientSecret' | 'appId' | 'portalId'>
  >;
};

const errorHandler: ErrorRequestHandler = (error, _req, res, _next) => {
  if (error instanceof HsApiError) {
    sendError(res, error);
    return;
  }
  if ((error as { type?: string }).type === 'entity.parse.failed') {
    sendError(res, new HsApiError(400, 'VALIDATION_ERROR', 'Invalid input JSON on line 1'));
    return;
  }
  // A simulator bug, not a simulated fault: say so where a developer will see it.
  console.error('HubSpot simulator: unexpected error', error);
  res.status(500).json({
    status: 'error',
    message: 'internal error',
    correlationId: correlationId(),
    category: 'INTERNAL_ERROR',
  });
};

/** Builds the HubSpot simulator's Express app and state without listening (see `startHubSpotSimulator`). */
export const createHubSpotApp = (input: HubSpotAppOptions = {}): HubSpotApp => {
  const clock = input.clock ?? systemClock;
  const options = {
    seed: input.seed ?? 1,
    size: input.size ?? 100,
    clientId: input.clientId ?? 'sim-client-id',
    clientSecret: input.clientSecret ?? 'sim-client-secret',
    appId: input.appId ?? 4_242_001,
    portalId: input.portalId ?? 20_260_301,
  };
  const store = new HubSpotStore(clock, input.searchIndexDelayMs ?? 1_000);
  store.addPortal(options.portalId).customObjects = input.customObjects ?? true;
  seedPortal(store, options.portalId, options);
  const tokens = new HubSpotTokens(options, clock, input.accessTokenTtlSeconds ?? 1_800);
  const limits = new HubSpotRateLimits({ ...DEFAULT_LIMITS, ...input.limits }, clock, options.appId);
  const context: HubSpotContext = { store, tokens, limits, clock, defaultPortalId: options.portalId };
  const webhooks = new WebhookDispatcher(
    store,
    {
      ...(input.webhookTargetUrl ? { targetUrl: input.webhookTargetUrl } : {}),
      // As HubSpot does: what the app's project declares, unless a test says otherwise.
      subscriptions: input.webhookSubscriptions ?? projectSubscriptions() ?? DEFAULT_SUBSCRIPTIONS,
      format: input.webhookFormat ?? 'generic',
      batchWindowMs: input.webhookBatchWindowMs ?? 200,
      timeoutMs: 5_000,
      maxAttempts: 10,
      maxConcurrentRequests: 10,
    },
    options,
    clock,
    options.seed,
  );
  const faults = createFaultInjector({
    expireTokens: () => tokens.expireAll(),
    serverError: (res, status) =>
      res.status(status).json({
        status: 'error',
        message: 'internal error',
        correlationId: correlationId(),
        category: 'INTERNAL_ERROR',
      }),
  });
  const latency: LatencySetting = { latencyMs: input.latencyMs ?? 120 };

  const app = express();
  app.disable('x-powered-by');
  app.use(latencyMiddleware(latency));
  app.use(faults.middleware);
  app.use(express.json({ limit: '10mb' }));
  app.use(express.urlencoded({ extended: false }));
  app.use(oauthRoutes(context));
  app.use(authenticate(context));
  app.use(limits.middleware());
  app.use(searchRoutes(context));
  app.use(batchRoutes(context));
  app.use(objectRoutes(context));
  app.use(associationRoutes(context));
  app.use(propertyRoutes(context));
  app.use(ownerRoutes(context));
  app.use(schemaRoutes(context));
  app.use(installRoutes(context));
  app.use((_req, res) => {
    res.status(404).json({
      status: 'error',
      message: 'Not Found',
      correlationId: correlationId(),
      category: 'OBJECT_NOT_FOUND',
    });
  });
  app.use(errorHandler);
  return { app, context, faults, webhooks, latency, options };
};
