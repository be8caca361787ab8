import { Router } from 'express';
import { portalOf, type HubSpotContext } from './context.js';
import { publicObject } from './present.js';
import { runSearch, type SearchRequest } from './search-engine.js';

/** `POST /crm/v3/objects/{type}/search`: sees only what has been indexed (see `searchIndexDelayMs`). */
export const searchRoutes = (ctx: HubSpotContext): Router => {
  const router = Router();
  const { store } = ctx;
  router.post('/crm/v3/objects/:type/search', (req, res) => {
    const portalId = portalOf(res);
    const portal = store.portal(portalId);
    const def = store.type(portalId, req.params.type);
    const request = req.body as SearchRequest;
    const rows = store
      .list(portalId, def.objectTypeId)
      .map((record) => ({ record, values: store.searchView(record) }))
      .filter(
        (r): r is { record: (typeof r)['record']; values: Record<string, string | null> } =>
          r.values !== undefined,
      )
      .map((r) => ({ id: r.record.id, values: r.values, record: r.record }));
    const types = portal.properties.get(def.objectTypeId) ?? new Map();
    const result = runSearch(rows, request, types, def.searchableProperties);
    const byId = new Map(rows.map((r) => [r.id, r]));
    res.json({
      total: result.total,
      results: result.page.map((row) => {
        const found = byId.get(row.id);
        return found ? publicObject(portal, def, found.record, request.properties, found.values) : undefined;
      }),
      ...(result.nextAfter ? { paging: { next: { after: result.nextAfter } } } : {}),
    });
  });
  return router;
};
