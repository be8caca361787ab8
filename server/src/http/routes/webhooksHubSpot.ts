import { z } from 'zod';
import type { AppContext } from '../../appContext.js';
import { parseHubSpotWebhookBatch } from '../../crm/hubspot/webhookEvents.js';
import { receiveChanges } from '../../use-cases/sync/inbound.js';
import { requireHubSpotSignature } from '../hubspotSignature.js';
import { defineRoute } from '../route.js';

const verifySignature = (ctx: AppContext) =>
  requireHubSpotSignature(ctx, {
    codePrefix: 'WEBHOOK',
    what: 'webhooks',
    secret: () => ctx.config.hubspot.clientSecret,
    emptyBodyAllowed: false,
  });

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
          /** Events set aside with their reason: text no database stores, or not a HubSpot event. */
          quarantined: z.number(),
          ignored: z.number(),
        }),
      },
      401: { description: 'Unsigned, forged or stale' },
      400: { description: 'Not a batch of HubSpot events' },
    },
    handler: async ({ body }) => ({
      body: await receiveChanges(ctx, 'hubspot', parseHubSpotWebhookBatch(body, ctx.config.hubspot.appId)),
    }),
  }),
];
