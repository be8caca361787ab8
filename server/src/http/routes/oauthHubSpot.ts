import { statusOf } from '../errorStatus.js';
import { z } from 'zod';
import { isDomainError } from '@entente/shared/errors';
import type { AppContext } from '../../appContext.js';
import { completeHubSpotInstall, startHubSpotInstall } from '../../use-cases/installHubSpot.js';
import {
  installProgress,
  progressTicket,
  readProgressTicket,
  type InstallProgress,
} from '../../use-cases/installProgress.js';
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

const duration = (seconds: number) =>
  seconds >= 90
    ? `about ${Math.round(seconds / 60)} minutes`
    : `about ${Math.max(1, Math.round(seconds))} seconds`;

/** The admin's install page: backfill progress until it is done, then what to do next. */
const progressPage = (portalId: string, progress: InstallProgress) => {
  if (progress.state === 'done') {
    const { owners, companies, contacts, deals } = progress.counts;
    return page(
      'Entente is ready',
      `Entente read ${owners} users, ${companies} companies, ${contacts} contacts and ${deals} deals from HubSpot portal ${portalId}. ` +
        'Next: add the Entente cards to your deal and company records (record page → Customize → Card library), ' +
        "then open Entente's settings page in HubSpot to give partner managers their role and add your partners.",
    );
  }
  const body =
    progress.state === 'waiting'
      ? `Entente is connected to HubSpot portal ${portalId}, is setting up its fields there and is about to read your CRM.`
      : `Entente is connected to HubSpot portal ${portalId}. Reading ${progress.progress.kind}: ${progress.progress.done}${progress.progress.total ? ` of ${progress.progress.total}` : ''}` +
        (progress.progress.percent !== undefined ? ` (${progress.progress.percent}%)` : '') +
        `, ${progress.progress.recordsPerSecond} records a second` +
        (progress.progress.etaSeconds !== undefined
          ? `, ${duration(progress.progress.etaSeconds)} left`
          : '') +
        '.';
  // Refreshes itself until the backfill is done.
  return page('Entente is reading your CRM', `${body} This page updates itself.`).replace(
    '<meta charset="utf-8">',
    '<meta charset="utf-8"><meta http-equiv="refresh" content="3">',
  );
};

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
      303: { description: "Installed: on to the admin's install progress page" },
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
        // The admin watches the backfill on a page of its own (the ticket is its capability).
        return {
          status: 303,
          headers: {
            ...html,
            location: `${ctx.config.publicUrl}/oauth/hubspot/installed/${progressTicket(ctx, result.tenantId)}`,
          },
          body: page(
            'Entente is installed',
            `Entente is connected to HubSpot portal ${result.portalId}. It is setting up its fields and reading your companies, contacts and deals.`,
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
  defineRoute({
    method: 'get',
    path: '/oauth/hubspot/installed/:ticket',
    summary:
      "The admin's install page after the callback: backfill progress (percent, records a second, time left) until done, then the next steps",
    tags: ['hubspot'],
    params: z.object({ ticket: z.string().min(1).max(500) }),
    responses: {
      200: { description: 'The progress page (HTML)', schema: z.string(), contentType: 'text/html' },
      404: {
        description: 'An unknown, forged or expired ticket (HTML)',
        schema: z.string(),
        contentType: 'text/html',
      },
    },
    handler: async ({ params }) => {
      const tenantId = readProgressTicket(ctx, params.ticket);
      const tenant = tenantId ? await ctx.store.tenants.get(tenantId) : undefined;
      if (!tenant)
        return {
          status: 404,
          headers: html,
          body: page('Nothing to show', 'This install page has expired or does not exist.'),
        };
      return { headers: html, body: progressPage(tenant.externalId, await installProgress(ctx, tenant.id)) };
    },
  }),
];
