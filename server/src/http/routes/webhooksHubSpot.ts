import { z } from 'zod';
import { DomainError } from '@entente/shared/errors';
import type { RequestHandler } from 'express';
import type { AppContext } from '../../appContext.js';
import { checkSignatureV3 } from '../../crm/hubspot/webhookSignature.js';
import { receiveHubSpotWebhooks } from '../../use-cases/processHubSpotWebhooks.js';
import type { RawBodyRequest } from '../app.js';
import { defineRoute } from '../route.js';

const REASONS = {
  missing: [
    'WEBHOOK.SIGNATURE_MISSING',
    'The request carries no X-HubSpot-Signature-v3 and X-HubSpot-Request-Timestamp',
  ],
  stale: ['WEBHOOK.SIGNATURE_STALE', 'The request timestamp is more than five minutes away from now'],
  invalid: ['WEBHOOK.SIGNATURE_INVALID', 'The signature does not match the request'],
} as const;

/** Nothing inbound is trusted before its signature is checked over the raw bytes. */
const verifySignature =
  (ctx: AppContext): RequestHandler =>
  (req, _res, next) => {
    const secret = ctx.config.hubspot.clientSecret;
    if (!secret) {
      next(
        new DomainError('HUBSPOT.NOT_CONFIGURED', 'No HubSpot app is configured to verify webhooks', {
          status: 503,
        }),
      );
      return;
    }
    const result = checkSignatureV3({
      clientSecret: secret,
      method: req.method,
      // The URL HubSpot called, which behind a proxy is the public one, not ours.
      uri: `${ctx.config.publicUrl}${req.originalUrl}`,
      rawBody: (req as RawBodyRequest).rawBody,
      signature: req.get('x-hubspot-signature-v3'),
      timestamp: req.get('x-hubspot-request-timestamp'),
      now: ctx.now(),
    });
    if (result === 'ok') {
      next();
      return;
    }
    const [code, message] = REASONS[result];
    req.log?.warn({ reason: result }, 'hubspot webhook refused');
    next(new DomainError(code, message, { status: 401 }));
  };

export const webhooksHubSpotRoutes = (ctx: AppContext) => [
  defineRoute({
    method: 'post',
    path: '/webhooks/hubspot',
    summary: 'HubSpot webhook events (signature v3): stored, acknowledged, then applied asynchronously',
    tags: ['hubspot'],
    before: [verifySignature(ctx)],
    body: z.unknown(),
    openapi: {
      requestParams: {
        header: z.object({ 'x-hubspot-signature-v3': z.string(), 'x-hubspot-request-timestamp': z.string() }),
      },
    },
    responses: {
      200: {
        description: 'Stored for processing',
        schema: z.object({
          received: z.number(),
          stored: z.number(),
          duplicates: z.number(),
          ignored: z.number(),
        }),
      },
      401: { description: 'Unsigned, forged or stale' },
      400: { description: 'Not a batch of HubSpot events' },
    },
    handler: async ({ body }) => ({ body: await receiveHubSpotWebhooks(ctx, body) }),
  }),
];
