import { Router } from 'express';
import { portalOf, type HubSpotContext } from './context.js';

/** `DELETE /appinstalls/v3/external-install`: the app uninstalls itself; every token for the portal dies. */
export const installRoutes = (ctx: HubSpotContext): Router => {
  const router = Router();
  router.delete('/appinstalls/v3/external-install', (_req, res) => {
    ctx.tokens.revokePortal(portalOf(res));
    res.status(204).end();
  });
  return router;
};
