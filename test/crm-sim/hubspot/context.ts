import type { Response } from 'express';
import type { Clock } from '../common/clock.js';
import type { HubSpotRateLimits } from './rate-limits.js';
import type { HubSpotStore, WriteContext } from './store.js';
import type { HubSpotTokens } from './tokens.js';

/** Everything the route handlers share. */
export type HubSpotContext = {
  store: HubSpotStore;
  tokens: HubSpotTokens;
  limits: HubSpotRateLimits;
  clock: Clock;
  defaultPortalId: number;
};

/** The portal an authenticated request acts on (set by the auth middleware). */
export const portalOf = (res: Response): number => res.locals.portalId as number;

/** Writes through the API are attributed to the app, so webhooks can carry its id as `sourceId`. */
export const apiWrite = (ctx: HubSpotContext): WriteContext => ({
  changeSource: 'INTEGRATION',
  sourceId: String(ctx.tokens.app.appId),
});
