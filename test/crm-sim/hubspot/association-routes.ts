import { Router } from 'express';
import { apiWrite, portalOf, type HubSpotContext } from './context.js';
import { HsApiError, notFound } from './errors.js';
import { checkBatchSize } from './batch-routes.js';
import { batchEnvelope, pageLink } from './present.js';

const MAX_ASSOCIATION_READS = 1_000;
/** How many associations of one input record a v4 batch read lists before its per-record cursor. */
export const BATCH_ASSOCIATIONS_PER_RECORD = 500;
const MAX_ASSOCIATION_WRITES = 2_000;

type Spec = { associationCategory?: string; associationTypeId?: number };

/** The v4 associations API: per-record reads and writes, and batch read/create/archive. */
export const associationRoutes = (ctx: HubSpotContext): Router => {
  const router = Router();
  const { store } = ctx;

  const typesOf = (portalId: number, from: string, to: string, typeIds: number[]) => {
    const registry = store.portal(portalId).associationTypes;
    return typeIds.map((typeId) => registry.describe(from, to, typeId));
  };

  router.get('/crm/v4/objects/:from/:id/associations/:to', (req, res) => {
    const portalId = portalOf(res);
    const from = store.type(portalId, req.params.from).objectTypeId;
    const to = store.type(portalId, req.params.to).objectTypeId;
    if (!store.get(portalId, from, req.params.id)) throw notFound();
    const limit = Math.min(500, Number(req.query.limit ?? 500) || 500);
    const after = Number(req.query.after ?? 0) || 0;
    const all = store.associations(portalId, from, req.params.id, to).filter((a) => Number(a.toId) >= after);
    const next = all[limit];
    res.json({
      results: all.slice(0, limit).map((a) => ({
        toObjectId: Number(a.toId),
        associationTypes: typesOf(portalId, from, to, a.typeIds),
      })),
      ...(next ? { paging: { next: { after: next.toId, link: pageLink(req, { after: next.toId }) } } } : {}),
    });
  });

  router.put('/crm/v4/objects/:from/:id/associations/default/:to/:toId', (req, res) => {
    const startedAt = new Date().toISOString();
    const portalId = portalOf(res);
    const from = store.type(portalId, req.params.from).objectTypeId;
    const to = store.type(portalId, req.params.to).objectTypeId;
    store.associate(portalId, from, req.params.id, to, req.params.toId, [], apiWrite(ctx));
    const unlabeled = store.portal(portalId).associationTypes.unlabeled(from, to);
    res.json(
      batchEnvelope(startedAt, [
        {
          from: { id: req.params.id },
          to: { id: req.params.toId },
          associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: unlabeled.typeId },
        },
      ]),
    );
  });

  router.put('/crm/v4/objects/:from/:id/associations/:to/:toId', (req, res) => {
    const portalId = portalOf(res);
    const from = store.type(portalId, req.params.from).objectTypeId;
    const to = store.type(portalId, req.params.to).objectTypeId;
    const specs = (Array.isArray(req.body) ? req.body : []) as Spec[];
    const typeIds = specs.map((s) => Number(s.associationTypeId));
    store.associate(portalId, from, req.params.id, to, req.params.toId, typeIds, apiWrite(ctx));
    const labels = typesOf(
      portalId,
      from,
      to,
      store.associations(portalId, from, req.params.id, to).find((a) => a.toId === req.params.toId)
        ?.typeIds ?? [],
    )
      .map((t) => t.label)
      .filter((l): l is string => l !== null);
    res.status(201).json({
      fromObjectTypeId: from,
      fromObjectId: Number(req.params.id),
      toObjectTypeId: to,
      toObjectId: Number(req.params.toId),
      labels,
    });
  });

  router.delete('/crm/v4/objects/:from/:id/associations/:to/:toId', (req, res) => {
    store.unassociate(
      portalOf(res),
      req.params.from,
      req.params.id,
      req.params.to,
      req.params.toId,
      undefined,
      apiWrite(ctx),
    );
    res.status(204).end();
  });

  router.post('/crm/v4/associations/:from/:to/batch/read', (req, res) => {
    const startedAt = new Date().toISOString();
    const portalId = portalOf(res);
    const from = store.type(portalId, req.params.from);
    const to = store.type(portalId, req.params.to);
    const inputs = checkBatchSize((req.body as { inputs?: unknown }).inputs, MAX_ASSOCIATION_READS);
    const results = [];
    const errors = [];
    for (const input of inputs) {
      const id = String(input.id ?? '');
      const after = Number((input as { after?: unknown }).after ?? 0) || 0;
      const all = store.get(portalId, from.objectTypeId, id)
        ? store
            .associations(portalId, from.objectTypeId, id, to.objectTypeId)
            .filter((a) => Number(a.toId) >= after)
        : [];
      // Like HubSpot, each input record's list is paged on its own: the rest is behind its cursor.
      const found = all.slice(0, BATCH_ASSOCIATIONS_PER_RECORD);
      const next = all[BATCH_ASSOCIATIONS_PER_RECORD];
      if (found.length === 0) {
        // HubSpot reports ids without associations as errors in a 207, not as empty results.
        errors.push({
          status: 'error',
          category: 'OBJECT_NOT_FOUND',
          subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND',
          message: `No ${to.singular} is associated with ${from.singular} ${id}.`,
          context: { fromObjectId: [id] },
        });
        continue;
      }
      results.push({
        from: { id },
        to: found.map((a) => ({
          toObjectId: Number(a.toId),
          associationTypes: typesOf(portalId, from.objectTypeId, to.objectTypeId, a.typeIds),
        })),
        ...(next
          ? {
              paging: {
                next: {
                  after: next.toId,
                  link: `/crm/v4/objects/${req.params.from}/${id}/associations/${req.params.to}?after=${next.toId}`,
                },
              },
            }
          : {}),
      });
    }
    res.status(errors.length > 0 ? 207 : 200).json(batchEnvelope(startedAt, results, errors));
  });

  router.post('/crm/v4/associations/:from/:to/batch/create', (req, res) => {
    const startedAt = new Date().toISOString();
    const portalId = portalOf(res);
    const from = store.type(portalId, req.params.from).objectTypeId;
    const to = store.type(portalId, req.params.to).objectTypeId;
    const inputs = checkBatchSize(
      (req.body as { inputs?: unknown }).inputs,
      MAX_ASSOCIATION_WRITES,
    ) as unknown as {
      from?: { id?: string };
      to?: { id?: string };
      types?: Spec[];
    }[];
    const results = inputs.map((input) => {
      const fromId = String(input.from?.id ?? '');
      const toId = String(input.to?.id ?? '');
      if (!store.get(portalId, from, fromId) || !store.get(portalId, to, toId)) {
        throw new HsApiError(
          400,
          'VALIDATION_ERROR',
          `One or more objects in ${fromId} -> ${toId} do not exist`,
        );
      }
      const typeIds = (input.types ?? []).map((t) => Number(t.associationTypeId));
      store.associate(portalId, from, fromId, to, toId, typeIds, apiWrite(ctx));
      const labels = typesOf(portalId, from, to, typeIds)
        .map((t) => t.label)
        .filter((l): l is string => l !== null);
      return {
        fromObjectTypeId: from,
        fromObjectId: Number(fromId),
        toObjectTypeId: to,
        toObjectId: Number(toId),
        labels,
      };
    });
    res.status(201).json(batchEnvelope(startedAt, results));
  });

  router.post('/crm/v4/associations/:from/:to/batch/archive', (req, res) => {
    const portalId = portalOf(res);
    const inputs = checkBatchSize(
      (req.body as { inputs?: unknown }).inputs,
      MAX_ASSOCIATION_WRITES,
    ) as unknown as {
      from?: { id?: string };
      to?: { id?: string }[];
    }[];
    for (const input of inputs) {
      for (const target of input.to ?? []) {
        store.unassociate(
          portalId,
          req.params.from,
          String(input.from?.id ?? ''),
          req.params.to,
          String(target.id ?? ''),
          undefined,
          apiWrite(ctx),
        );
      }
    }
    res.status(204).end();
  });

  return router;
};
