import type { Request, RequestHandler } from 'express';
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
      res.locals.scopes = check.grant.scopes;
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

/**
 * Refuses a call whose token was granted none of `anyOf` with HubSpot's 403 `MISSING_SCOPES`
 * (for example the schemas API without `crm.schemas.custom.read`, as on accounts without custom
 * objects). Runs after `authenticate`.
 */
export const requireScopes =
  (anyOf: (req: Request) => readonly string[]): RequestHandler =>
  (req, res, next) => {
    const needed = anyOf(req);
    const granted = new Set((res.locals.scopes as string[] | undefined) ?? []);
    if (needed.length === 0 || needed.some((scope) => granted.has(scope))) {
      next();
      return;
    }
    res.status(403).json({
      status: 'error',
      message:
        "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
      correlationId: correlationId(),
      errors: [
        {
          message: 'One or more of the following scopes are required.',
          context: { requiredGranularScopes: [...needed] },
        },
      ],
      links: { scopes: 'https://developers.hubspot.com/scopes' },
      category: 'MISSING_SCOPES',
    });
  };
