import express, { type ErrorRequestHandler, type Express } from 'express';
import { systemClock, type Clock } from '../common/clock.js';
import { createFaultInjector, type FaultInjector } from '../common/faults.js';
import { latencyMiddleware, type LatencySetting } from '../common/latency.js';
import { RollingWindow } from '../common/rolling-window.js';
import { collectionRoutes } from './collection-routes.js';
import type { SalesforceContext } from './context.js';
import { dataRoutes } from './data-routes.js';
import { RecordFailure, SfApiError, sendSfError } from './errors.js';
import { guard } from './guard.js';
import { oauthRoutes } from './oauth-routes.js';
import { QueryEngine } from './query-engine.js';
import { seedOrg } from './seed.js';
import { SalesforceSessions } from './sessions.js';
import { SalesforceStore } from './store.js';

export type SalesforceAppOptions = {
  latencyMs?: number;
  seed?: number;
  /** Opportunities in the org; accounts, contacts and users scale with it. */
  size?: number;
  clientId?: string;
  clientSecret?: string;
  /** Daily API request allowance (Enterprise: 100,000 plus per-licence allowances). */
  dailyApiLimit?: number;
  /** Inactivity timeout of a session (org setting; 2 hours by default). */
  sessionTimeoutMs?: number;
  clock?: Clock;
};

export type SalesforceApp = {
  app: Express;
  context: SalesforceContext;
  faults: FaultInjector;
  latency: LatencySetting;
  /** Set once the server listens; `instance_url` and `id` in token responses use it. */
  setBaseUrl(url: string): void;
};

const API_VERSIONS = ['58.0', '59.0', '60.0', '61.0', '62.0', '63.0', '64.0', '65.0', '66.0'];

const errorHandler: ErrorRequestHandler = (error, _req, res, _next) => {
  if (error instanceof SfApiError) return sendSfError(res, error);
  if (error instanceof RecordFailure) {
    res
      .status(error.status)
      .json([
        { message: error.error.message, errorCode: error.error.statusCode, fields: error.error.fields },
      ]);
    return;
  }
  if ((error as { type?: string }).type === 'entity.parse.failed') {
    return sendSfError(res, new SfApiError(400, 'JSON_PARSER_ERROR', 'Unexpected character in request body'));
  }
  sendSfError(
    res,
    new SfApiError(
      500,
      'UNKNOWN_EXCEPTION',
      'An unexpected error occurred. Please include this ErrorId if you contact support.',
    ),
  );
};

/** Builds the Salesforce simulator's Express app and org without listening. */
export const createSalesforceApp = (input: SalesforceAppOptions = {}): SalesforceApp => {
  const clock = input.clock ?? systemClock;
  const store = new SalesforceStore(clock, '00D5g000000SIMUEA0');
  const { adminUserId } = seedOrg(store, { seed: input.seed ?? 1, size: input.size ?? 100 });
  store.apiUserId = adminUserId;
  const sessions = new SalesforceSessions(clock, input.sessionTimeoutMs ?? 2 * 60 * 60_000);
  let baseUrl = 'http://127.0.0.1';
  const context: SalesforceContext = {
    store,
    sessions,
    queries: new QueryEngine(store, clock),
    apiUsage: new RollingWindow(input.dailyApiLimit ?? 100_000, 86_400_000, clock),
    clock,
    clientId: input.clientId ?? 'sim-consumer-key',
    clientSecret: input.clientSecret ?? 'sim-consumer-secret',
    baseUrl: () => baseUrl,
    adminUserId,
  };
  const faults = createFaultInjector({
    expireTokens: () => sessions.expireAll(),
    serverError: (res, status) =>
      res.status(status).json([
        {
          message: 'An unexpected error occurred. Please include this ErrorId if you contact support.',
          errorCode: 'UNKNOWN_EXCEPTION',
        },
      ]),
  });
  const latency: LatencySetting = { latencyMs: input.latencyMs ?? 120 };

  const app = express();
  app.disable('x-powered-by');
  app.use(latencyMiddleware(latency));
  app.use(faults.middleware);
  app.use(express.json({ limit: '50mb' }));
  app.use(express.urlencoded({ extended: false }));
  app.use(oauthRoutes(context));
  app.get('/services/data', (_req, res) => {
    res.json(
      API_VERSIONS.map((version) => ({ label: `v${version}`, url: `/services/data/v${version}`, version })),
    );
  });
  app.use('/services/data/:version', guard(context), dataRoutes(context), collectionRoutes(context));
  app.use((_req, res) => {
    sendSfError(res, new SfApiError(404, 'NOT_FOUND', 'The requested resource does not exist'));
  });
  app.use(errorHandler);
  return {
    app,
    context,
    faults,
    latency,
    setBaseUrl: (url) => {
      baseUrl = url;
    },
  };
};
