import { Router } from 'express';
import { apiWrite, portalOf, type HubSpotContext } from './context.js';
import { HsApiError, notFound } from './errors.js';
import { boolParam, listParam, originOf, pageLink, publicObject, v3Associations } from './present.js';
import type { HsRecord } from './portal.js';

type AssociationInput = {
  to?: { id?: string };
  types?: { associationCategory?: string; associationTypeId?: number }[];
};

/** Associations given inline on create: `{ to: { id }, types: [{ associationCategory, associationTypeId }] }`. */
export const associateInline = (
  ctx: HubSpotContext,
  portalId: number,
  fromType: string,
  fromId: string,
  inputs: AssociationInput[] | undefined,
): void => {
  const portal = ctx.store.portal(portalId);
  for (const input of inputs ?? []) {
    const toId = String(input.to?.id ?? '');
    const typeIds = (input.types ?? []).map((t) => Number(t.associationTypeId));
    // The target's type is implied by the type id; find the record among the types that can hold it.
    const toType = [...portal.types.values()].find(
      (t) =>
        ctx.store.get(portalId, t.objectTypeId, toId) &&
        typeIds.every((id) =>
          portal.associationTypes.byId(ctx.store.type(portalId, fromType).objectTypeId, t.objectTypeId, id),
        ),
    );
    if (!toType)
      throw new HsApiError(
        400,
        'VALIDATION_ERROR',
        `Association target ${toId} with types ${typeIds.join(',')} is not valid`,
      );
    ctx.store.associate(portalId, fromType, fromId, toType.objectTypeId, toId, typeIds, apiWrite(ctx));
  }
};

/** `GET/POST/PATCH/DELETE /crm/v3/objects/{type}[/{id}]`. */
export const objectRoutes = (ctx: HubSpotContext): Router => {
  const router = Router();
  const { store } = ctx;

  router.get('/crm/v3/objects/:type', (req, res) => {
    const portalId = portalOf(res);
    const portal = store.portal(portalId);
    const def = store.type(portalId, req.params.type);
    // HubSpot caps list pages at 100 and defaults to 10.
    const limit = Math.min(100, Math.max(1, Number(req.query.limit ?? 10) || 10));
    const after = Number(req.query.after ?? 0) || 0;
    const requested = listParam(req.query.properties);
    const toTypes = listParam(req.query.associations) ?? [];
    const all = store.list(portalId, def.objectTypeId, boolParam(req.query.archived));
    const page = all.filter((r) => Number(r.id) >= after).slice(0, limit + 1);
    const results = page.slice(0, limit).map((r) => {
      const associations =
        toTypes.length > 0 ? v3Associations(store, portal, def, r, toTypes, originOf(req)) : undefined;
      return {
        ...publicObject(portal, def, r, requested),
        ...(associations && Object.keys(associations).length > 0 ? { associations } : {}),
      };
    });
    const next = page[limit];
    res.json({
      results,
      ...(next ? { paging: { next: { after: next.id, link: pageLink(req, { after: next.id }) } } } : {}),
    });
  });

  router.get('/crm/v3/objects/:type/:id', (req, res) => {
    const portalId = portalOf(res);
    const portal = store.portal(portalId);
    const def = store.type(portalId, req.params.type);
    const idProperty = typeof req.query.idProperty === 'string' ? req.query.idProperty : undefined;
    const archived = boolParam(req.query.archived);
    const record: HsRecord | undefined = idProperty
      ? store.findBy(portalId, def.objectTypeId, idProperty, req.params.id)
      : store.get(portalId, def.objectTypeId, req.params.id, archived);
    if (!record) throw notFound();
    const toTypes = listParam(req.query.associations) ?? [];
    const associations =
      toTypes.length > 0 ? v3Associations(store, portal, def, record, toTypes, originOf(req)) : undefined;
    res.json({
      ...publicObject(portal, def, record, listParam(req.query.properties)),
      ...(associations && Object.keys(associations).length > 0 ? { associations } : {}),
    });
  });

  router.post('/crm/v3/objects/:type', (req, res) => {
    const portalId = portalOf(res);
    const def = store.type(portalId, req.params.type);
    const body = req.body as { properties?: Record<string, unknown>; associations?: AssociationInput[] };
    const record = store.create(portalId, def.objectTypeId, body.properties ?? {}, apiWrite(ctx));
    associateInline(ctx, portalId, def.objectTypeId, record.id, body.associations);
    res.status(201).json(publicObject(store.portal(portalId), def, record, Object.keys(record.properties)));
  });

  router.patch('/crm/v3/objects/:type/:id', (req, res) => {
    const portalId = portalOf(res);
    const def = store.type(portalId, req.params.type);
    const idProperty = typeof req.query.idProperty === 'string' ? req.query.idProperty : undefined;
    const existing = idProperty
      ? store.findBy(portalId, def.objectTypeId, idProperty, req.params.id)
      : store.get(portalId, def.objectTypeId, req.params.id);
    if (!existing) throw notFound();
    const body = req.body as { properties?: Record<string, unknown> };
    const record = store.update(
      portalId,
      def.objectTypeId,
      existing.id,
      body.properties ?? {},
      apiWrite(ctx),
    );
    res.json(publicObject(store.portal(portalId), def, record, Object.keys(record.properties)));
  });

  router.delete('/crm/v3/objects/:type/:id', (req, res) => {
    const portalId = portalOf(res);
    store.archive(portalId, req.params.type, req.params.id, apiWrite(ctx));
    res.status(204).end();
  });

  return router;
};
