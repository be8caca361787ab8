import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import type { AppContext } from '../appContext.js';
import { httpLogSerializers } from '../observability/logger.js';
import { errorHandler, notFoundHandler } from './errors.js';
import type { RawBodyRequest } from './rawBody.js';
import { buildOpenApiDocument } from './openapi.js';
import { idempotencyByCaller } from './idempotency.js';
import { mountRoutes, type AnyRoute } from './route.js';
import { attributionRoutes } from './routes/attribution.js';
import { fieldMappingRoutes } from './routes/fieldMapping.js';
import { governanceRoutes } from './routes/governance.js';
import { healthRoutes } from './routes/health.js';
import { hubspotCardRoutes } from './routes/hubspotCards.js';
import { metricsRoutes } from './routes/metrics.js';
import { partnerRoutes } from './routes/partners.js';
import { partnerValueRoutes } from './routes/partnerValue.js';
import { registrationRoutes } from './routes/registrations.js';
import { intakeSessionRoutes } from './routes/intakeSessions.js';
import { touchpointRoutes } from './routes/touchpoints.js';
import { userRoutes } from './routes/users.js';
import { oauthHubSpotRoutes } from './routes/oauthHubSpot.js';
import { webhooksHubSpotRoutes } from './routes/webhooksHubSpot.js';

export const JSON_BODY_LIMIT = '1mb';

/** Every route the service serves, in one list: mounted on the app and described in OpenAPI. */
export const allRoutes = (ctx: AppContext): AnyRoute[] => [
  ...healthRoutes(ctx),
  ...registrationRoutes(ctx),
  ...intakeSessionRoutes(ctx),
  ...governanceRoutes(ctx),
  ...partnerRoutes(ctx),
  ...userRoutes(ctx),
  ...touchpointRoutes(ctx),
  ...attributionRoutes(ctx),
  ...metricsRoutes(ctx),
  ...partnerValueRoutes(ctx),
  ...oauthHubSpotRoutes(ctx),
  ...webhooksHubSpotRoutes(ctx),
  ...hubspotCardRoutes(ctx),
  ...fieldMappingRoutes(ctx),
];

export type AppOptions = {
  /** Routes an entry point above HTTP adds (the sandbox's fixture); described in OpenAPI too. */
  extraRoutes?: AnyRoute[];
};

/** Builds the Express app without listening, so tests can start it on port 0. */
export const createApp = (ctx: AppContext, options: AppOptions = {}): Express => {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', true);

  app.use(
    pinoHttp({
      logger: ctx.logger,
      // No OAuth code or state, and no token, in a logged URL, query or redirect.
      serializers: httpLogSerializers,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && /^[\w.-]{1,128}$/.test(incoming) ? incoming : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      // Health probes would drown the log.
      autoLogging: {
        ignore: (req) => req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics',
      },
    }),
  );
  app.use((req, res, next) => {
    const stop = ctx.metrics.httpDuration.startTimer();
    res.on('finish', () => {
      const route = (req.route?.path as string | undefined) ?? 'unmatched';
      stop({ method: req.method, route });
      ctx.metrics.httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  });
  app.use(
    express.json({
      limit: JSON_BODY_LIMIT,
      verify: (req, _res, buffer) => {
        (req as RawBodyRequest).rawBody = buffer;
      },
    }),
  );

  const routes = [...allRoutes(ctx), ...(options.extraRoutes ?? [])];
  const router = express.Router();
  mountRoutes(router, routes, { idempotency: idempotencyByCaller(ctx) });
  const openapi = buildOpenApiDocument(routes, ctx.config.publicUrl);
  router.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  app.use(router);

  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
};
