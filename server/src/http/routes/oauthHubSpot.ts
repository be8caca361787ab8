import { statusOf } from '../errorStatus.js';
import { z } from 'zod';
import { isDomainError } from '@entente/shared/errors';
import type { AppContext } from '../../appContext.js';
import { completeHubSpotInstall, startHubSpotInstall } from '../../use-cases/installHubSpot.js';
import { defineRoute } from '../route.js';

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

const page = (title: string, message: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>${escape(title)}</h1><p>${escape(message)}</p></body></html>`;

const html = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };

export const oauthHubSpotRoutes = (ctx: AppContext) => [
  defineRoute({
    method: 'get',
    path: '/oauth/hubspot/install',
    summary: "Start installing Entente into a HubSpot portal (redirects to HubSpot's consent page)",
    tags: ['hubspot'],
    responses: { 302: { description: "Redirect to HubSpot's authorize URL" } },
    handler: async () => ({
      status: 302,
      headers: { location: await startHubSpotInstall(ctx), 'cache-control': 'no-store' },
    }),
  }),
  defineRoute({
    method: 'get',
    path: '/oauth/hubspot/callback',
    summary:
      'HubSpot sends the installing user back here after consent; finishes the install. `state` is absent when the install started from the install URL in HubSpot',
    tags: ['hubspot'],
    query: z.object({
      code: z.string().min(1).max(2000).optional(),
      state: z.string().min(1).max(500).optional(),
      error: z.string().max(200).optional(),
      error_description: z.string().max(2000).optional(),
    }),
    responses: {
      200: { description: 'Installed (HTML page)', schema: z.string(), contentType: 'text/html' },
      400: {
        description: 'The install failed (HTML page saying why)',
        schema: z.string(),
        contentType: 'text/html',
      },
    },
    handler: async ({ query }) => {
      // No state is an install started from HubSpot's own install URL: allowed (see the use case).
      if (query.error || !query.code) {
        const why = query.error_description ?? query.error ?? 'HubSpot did not send an authorization code.';
        return {
          status: 400,
          headers: html,
          body: page('Entente was not installed', `${why} Start the install again from the marketplace.`),
        };
      }
      try {
        const result = await completeHubSpotInstall(ctx, { code: query.code, state: query.state });
        return {
          headers: html,
          body: page(
            'Entente is installed',
            `Entente is connected to HubSpot portal ${result.portalId}. It is setting up its fields and reading your companies, contacts and deals; you can close this page.`,
          ),
        };
      } catch (error) {
        if (isDomainError(error)) {
          return {
            status: statusOf(error.code) >= 500 ? 502 : 400,
            headers: html,
            body: page('Entente was not installed', `${error.message} (${error.code})`),
          };
        }
        ctx.logger.error({ err: error }, 'hubspot install failed');
        return {
          status: 500,
          headers: html,
          body: page(
            'Entente was not installed',
            'Something went wrong on our side; it has been logged. Please try again.',
          ),
        };
      }
    },
  }),
];
