import type { RequestHandler } from 'express';
import type { SalesforceContext } from './context.js';

const bearer = (header: string | undefined): string | undefined =>
  /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header ?? '')?.[1]?.trim();

/** Session check, then the daily API allowance; every answer carries `Sforce-Limit-Info`. */
export const guard =
  (ctx: SalesforceContext): RequestHandler =>
  (req, res, next) => {
    const session = ctx.sessions.check(bearer(req.header('authorization')));
    if (!session.ok) {
      res.status(401).json([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
      return;
    }
    res.locals.userId = session.userId;
    const decision = ctx.apiUsage.tryAcquire();
    res.setHeader('Sforce-Limit-Info', `api-usage=${ctx.apiUsage.used()}/${ctx.apiUsage.max}`);
    if (!decision.allowed) {
      res
        .status(403)
        .json([{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
      return;
    }
    next();
  };
