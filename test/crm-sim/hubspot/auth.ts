import type { RequestHandler } from 'express';
import { correlationId } from '../common/ids.js';
import type { HubSpotContext } from './context.js';

const bearer = (header: string | undefined): string | undefined => {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return match?.[1]?.trim();
};

/** Resolves the bearer token to a portal, answering 401 with HubSpot's bodies when it cannot. */
export const authenticate =
  (ctx: HubSpotContext): RequestHandler =>
  (req, res, next) => {
    const check = ctx.tokens.check(bearer(req.header('authorization')));
    if (check.ok) {
      res.locals.portalId = check.portalId;
      next();
      return;
    }
    if (check.reason === 'expired') {
      const minutes = Math.floor((ctx.clock() - check.expiredAt) / 60_000);
      res.status(401).json({
        status: 'error',
        message: `The OAuth token used to make this call expired ${minutes} minute(s) ago.`,
        correlationId: correlationId(),
        category: 'EXPIRED_AUTHENTICATION',
        context: { 'expire time': [new Date(check.expiredAt).toUTCString()] },
      });
      return;
    }
    res.status(401).json({
      status: 'error',
      message:
        'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
      correlationId: correlationId(),
      category: 'INVALID_AUTHENTICATION',
    });
  };
