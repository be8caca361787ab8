import { Router } from 'express';
import { portalOf, type HubSpotContext } from './context.js';
import { notFound } from './errors.js';
import { pageLink } from './present.js';

/** `GET /crm/v3/owners` (paged, `email` filter, up to 500 a page) and `GET /crm/v3/owners/{id}`. */
export const ownerRoutes = (ctx: HubSpotContext): Router => {
  const router = Router();
  router.get('/crm/v3/owners', (req, res) => {
    const portal = ctx.store.portal(portalOf(res));
    const archived = req.query.archived === 'true';
    const email = typeof req.query.email === 'string' ? req.query.email.toLowerCase() : undefined;
    const limit = Math.min(500, Number(req.query.limit ?? 100) || 100);
    const after = Number(req.query.after ?? 0) || 0;
    const matching = portal.owners.filter(
      (o) => o.archived === archived && (!email || o.email.toLowerCase() === email) && Number(o.id) >= after,
    );
    const next = matching[limit];
    res.json({
      results: matching.slice(0, limit),
      ...(next ? { paging: { next: { after: next.id, link: pageLink(req, { after: next.id }) } } } : {}),
    });
  });
  // Account details (the owners' neighbour: both describe the account rather than its records).
  router.get(['/account-info/2026-03/details', '/account-info/v3/details'], (_req, res) => {
    const portal = ctx.store.portal(portalOf(res));
    const location = portal.dataHostingLocation;
    res.json({
      portalId: portal.id,
      accountType: 'STANDARD',
      timeZone: 'US/Eastern',
      companyCurrency: 'USD',
      additionalCurrencies: [],
      utcOffset: '-05:00',
      utcOffsetMilliseconds: -18_000_000,
      uiDomain: location === 'na1' ? 'app.hubspot.com' : `app-${location}.hubspot.com`,
      dataHostingLocation: location,
    });
  });
  router.get('/crm/v3/owners/:id', (req, res) => {
    const portal = ctx.store.portal(portalOf(res));
    const byUser = req.query.idProperty === 'userId';
    const owner = portal.owners.find((o) => (byUser ? String(o.userId) : o.id) === req.params.id);
    if (!owner) throw notFound();
    res.json(owner);
  });
  return router;
};
