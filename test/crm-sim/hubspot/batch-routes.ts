import { Router } from 'express';
import { apiWrite, portalOf, type HubSpotContext } from './context.js';
import { HsApiError } from './errors.js';
import { associateInline } from './object-routes.js';
import { batchEnvelope, boolParam, publicObject } from './present.js';
import type { HsRecord } from './portal.js';

export const MAX_BATCH_INPUTS = 100;
const MAX_HISTORY_INPUTS = 50;

type Input = {
  id?: string;
  idProperty?: string;
  properties?: Record<string, unknown>;
  associations?: {
    to?: { id?: string };
    types?: { associationCategory?: string; associationTypeId?: number }[];
  }[];
};

/** HubSpot rejects the whole batch, before touching anything, when it holds too many inputs. */
export const checkBatchSize = (inputs: unknown, max = MAX_BATCH_INPUTS): Input[] => {
  if (!Array.isArray(inputs))
    throw new HsApiError(400, 'VALIDATION_ERROR', 'Invalid input JSON: inputs must be an array');
  if (inputs.length > max) {
    throw new HsApiError(
      400,
      'VALIDATION_ERROR',
      `The maximum number of inputs supported in a batch request is ${max}. Please reduce the number of items and try again`,
    );
  }
  return inputs as Input[];
};

const notFoundError = (singular: string, ids: string[]) => ({
  status: 'error',
  category: 'OBJECT_NOT_FOUND',
  message: `Could not get some ${singular.toUpperCase()} objects, they may be deleted or not exist. Check that ids are valid.`,
  context: { ids },
});

/** `POST /crm/v3/objects/{type}/batch/{read|create|update|upsert|archive}`. */
export const batchRoutes = (ctx: HubSpotContext): Router => {
  const router = Router();
  const { store } = ctx;

  router.post('/crm/v3/objects/:type/batch/read', (req, res) => {
    const startedAt = new Date().toISOString();
    const portalId = portalOf(res);
    const portal = store.portal(portalId);
    const def = store.type(portalId, req.params.type);
    const body = req.body as {
      inputs?: unknown;
      properties?: string[];
      propertiesWithHistory?: string[];
      idProperty?: string;
    };
    const inputs = checkBatchSize(
      body.inputs,
      (body.propertiesWithHistory?.length ?? 0) > 0 ? MAX_HISTORY_INPUTS : MAX_BATCH_INPUTS,
    );
    const archived = boolParam(req.query.archived);
    const found: HsRecord[] = [];
    const missing: string[] = [];
    for (const input of inputs) {
      const key = String(input.id ?? '');
      const record = body.idProperty
        ? store.findBy(portalId, def.objectTypeId, body.idProperty, key)
        : store.get(portalId, def.objectTypeId, key, archived);
      if (record) found.push(record);
      else missing.push(key);
    }
    const results = found.map((r) => publicObject(portal, def, r, body.properties));
    const errors = missing.length > 0 ? [notFoundError(def.singular, missing)] : [];
    res.status(errors.length > 0 ? 207 : 200).json(batchEnvelope(startedAt, results, errors));
  });

  router.post('/crm/v3/objects/:type/batch/create', (req, res) => {
    const startedAt = new Date().toISOString();
    const portalId = portalOf(res);
    const def = store.type(portalId, req.params.type);
    const inputs = checkBatchSize((req.body as { inputs?: unknown }).inputs);
    // Validate everything first: one bad input fails the batch and nothing is created.
    for (const input of inputs)
      store.validate(portalId, def.objectTypeId, input.properties ?? {}, apiWrite(ctx));
    const created = inputs.map((input) => {
      const record = store.create(portalId, def.objectTypeId, input.properties ?? {}, apiWrite(ctx));
      associateInline(ctx, portalId, def.objectTypeId, record.id, input.associations);
      return publicObject(store.portal(portalId), def, record, Object.keys(record.properties));
    });
    res.status(201).json(batchEnvelope(startedAt, created));
  });

  router.post('/crm/v3/objects/:type/batch/update', (req, res) => {
    const startedAt = new Date().toISOString();
    const portalId = portalOf(res);
    const def = store.type(portalId, req.params.type);
    const inputs = checkBatchSize((req.body as { inputs?: unknown }).inputs);
    for (const input of inputs)
      store.validate(portalId, def.objectTypeId, input.properties ?? {}, apiWrite(ctx));
    const missing: string[] = [];
    const results = [];
    for (const input of inputs) {
      const key = String(input.id ?? '');
      const existing = input.idProperty
        ? store.findBy(portalId, def.objectTypeId, input.idProperty, key)
        : store.get(portalId, def.objectTypeId, key);
      if (!existing) {
        missing.push(key);
        continue;
      }
      const record = store.update(
        portalId,
        def.objectTypeId,
        existing.id,
        input.properties ?? {},
        apiWrite(ctx),
      );
      results.push(publicObject(store.portal(portalId), def, record, Object.keys(record.properties)));
    }
    const errors = missing.length > 0 ? [notFoundError(def.singular, missing)] : [];
    res.status(errors.length > 0 ? 207 : 200).json(batchEnvelope(startedAt, results, errors));
  });

  router.post('/crm/v3/objects/:type/batch/upsert', (req, res) => {
    const startedAt = new Date().toISOString();
    const portalId = portalOf(res);
    const portal = store.portal(portalId);
    const def = store.type(portalId, req.params.type);
    const inputs = checkBatchSize((req.body as { inputs?: unknown }).inputs);
    for (const input of inputs) {
      const idProperty = input.idProperty ?? 'hs_object_id';
      const property = portal.properties.get(def.objectTypeId)?.get(idProperty);
      if (idProperty !== 'hs_object_id' && !property?.hasUniqueValue) {
        throw new HsApiError(
          400,
          'VALIDATION_ERROR',
          `Property ${idProperty} is not a unique identifier property and cannot be used as idProperty`,
        );
      }
      store.validate(portalId, def.objectTypeId, input.properties ?? {}, apiWrite(ctx));
    }
    const results = inputs.map((input) => {
      const idProperty = input.idProperty ?? 'hs_object_id';
      const key = String(input.id ?? '');
      const existing = store.findBy(portalId, def.objectTypeId, idProperty, key);
      const record = existing
        ? store.update(portalId, def.objectTypeId, existing.id, input.properties ?? {}, apiWrite(ctx))
        : store.create(
            portalId,
            def.objectTypeId,
            { ...(idProperty === 'hs_object_id' ? {} : { [idProperty]: key }), ...input.properties },
            apiWrite(ctx),
          );
      return { ...publicObject(portal, def, record, Object.keys(record.properties)), new: !existing };
    });
    res.status(200).json(batchEnvelope(startedAt, results));
  });

  router.post('/crm/v3/objects/:type/batch/archive', (req, res) => {
    const portalId = portalOf(res);
    const def = store.type(portalId, req.params.type);
    for (const input of checkBatchSize((req.body as { inputs?: unknown }).inputs)) {
      store.archive(portalId, def.objectTypeId, String(input.id ?? ''), apiWrite(ctx));
    }
    res.status(204).end();
  });

  return router;
};
