import { Router, type Request } from 'express';
import type { SalesforceContext } from './context.js';
import { RecordFailure, SfApiError, type SaveResult } from './errors.js';
import { presentRecord, versionOf } from './present.js';
import type { SfRecord } from './store.js';

export const MAX_COLLECTION_RECORDS = 200;

type Body = {
  allOrNone?: boolean;
  records?: (Record<string, unknown> & { attributes?: { type?: string } })[];
};

const ROLLED_BACK = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};

const checkCount = (count: number): void => {
  if (count > MAX_COLLECTION_RECORDS) {
    throw new SfApiError(
      400,
      'EXCEEDED_ID_LIMIT',
      `record limit reached. cannot submit more than ${MAX_COLLECTION_RECORDS} records into this call`,
    );
  }
};

/** sObject Collections: up to 200 records per call, one save result per record, optional all-or-none. */
export const collectionRoutes = (ctx: SalesforceContext): Router => {
  const router = Router({ mergeParams: true });
  const { store } = ctx;
  const version = (req: Request): string => versionOf((req.params as { version?: string }).version);

  /** Runs one operation per item; with allOrNone, a failure undoes the others. */
  const collect = <T>(
    items: T[],
    allOrNone: boolean,
    op: (item: T, undo: (fn: () => void) => void) => SaveResult,
  ): SaveResult[] => {
    const undos: (() => void)[] = [];
    const results = items.map((item) => {
      try {
        return op(item, (fn) => undos.push(fn));
      } catch (error) {
        if (error instanceof RecordFailure) return { success: false, errors: [error.error] };
        throw error;
      }
    });
    if (allOrNone && results.some((r) => !r.success)) {
      for (const undo of undos.reverse()) undo();
      return results.map((r) =>
        r.success ? { success: false, errors: [ROLLED_BACK] } : { success: false, errors: r.errors },
      );
    }
    return results;
  };

  const typeOf = (record: { attributes?: { type?: string } }, fallback?: string): string => {
    const type = record.attributes?.type ?? fallback;
    if (!type) throw new SfApiError(400, 'INVALID_TYPE', 'Must send a concrete entity type.');
    return type;
  };

  const snapshot = (type: string, id: string): (() => void) => {
    const record = store.get(type, id);
    const copy = record ? { ...record } : undefined;
    return () => {
      if (record && copy) {
        for (const key of Object.keys(record)) delete record[key];
        Object.assign(record, copy);
      }
    };
  };

  const removeCreated = (type: string, id: string) => () => {
    store.records.get(store.object(type).name)?.delete(id);
  };

  router.post('/composite/sobjects', (req, res) => {
    const body = req.body as Body;
    const records = body.records ?? [];
    checkCount(records.length);
    res.json(
      collect(records, body.allOrNone ?? false, (input, undo) => {
        const { attributes: _a, ...values } = input;
        const type = typeOf(input);
        const created = store.create(type, values);
        undo(removeCreated(type, created.Id));
        return { id: created.Id, success: true, errors: [] };
      }),
    );
  });

  router.patch('/composite/sobjects', (req, res) => {
    const body = req.body as Body;
    const records = body.records ?? [];
    checkCount(records.length);
    res.json(
      collect(records, body.allOrNone ?? false, (input, undo) => {
        const { attributes: _a, id, Id, ...values } = input;
        const recordId = String(id ?? Id ?? '');
        const type = typeOf(input, store.byId(recordId)?.type);
        undo(snapshot(type, recordId));
        const updated = store.update(type, recordId, values);
        return { id: updated.Id, success: true, errors: [] };
      }),
    );
  });

  router.delete('/composite/sobjects', (req, res) => {
    const ids = String(req.query.ids ?? '')
      .split(',')
      .filter(Boolean);
    checkCount(ids.length);
    res.json(
      collect(ids, req.query.allOrNone === 'true', (id, undo) => {
        const found = store.byId(id);
        if (!found)
          throw new RecordFailure({
            statusCode: 'ENTITY_IS_DELETED',
            message: 'entity is deleted',
            fields: [],
          });
        undo(() => {
          found.record.IsDeleted = false;
        });
        store.delete(found.type, found.record.Id);
        return { id: found.record.Id, success: true, errors: [] };
      }),
    );
  });

  const retrieve = (req: Request, ids: string[], fields: string[]) => {
    checkCount(ids.length);
    const def = store.object(req.params.type as string);
    return ids.map((id) => {
      const record: SfRecord | undefined = store.get(def.name, id);
      return record ? presentRecord(def, record, version(req), fields) : null;
    });
  };
  router.post('/composite/sobjects/:type', (req, res) => {
    const body = req.body as { ids?: string[]; fields?: string[] };
    res.json(retrieve(req, body.ids ?? [], body.fields ?? []));
  });
  router.get('/composite/sobjects/:type', (req, res) => {
    const list = (v: unknown) =>
      String(v ?? '')
        .split(',')
        .filter(Boolean);
    res.json(retrieve(req, list(req.query.ids), list(req.query.fields)));
  });

  router.patch('/composite/sobjects/:type/:field', (req, res) => {
    const body = req.body as Body;
    const records = body.records ?? [];
    checkCount(records.length);
    const def = store.object(req.params.type as string);
    const field = req.params.field as string;
    if (!def.fields.get(field)?.externalId && field !== 'Id') {
      throw new SfApiError(
        400,
        'INVALID_FIELD',
        `Field ${field} is not an external ID or indexed field for ${def.name}`,
      );
    }
    res.json(
      collect(records, body.allOrNone ?? false, (input, undo) => {
        const { attributes: _a, ...values } = input;
        const existing = store.findBy(def.name, field, values[field]);
        if (existing) {
          undo(snapshot(def.name, existing.Id));
          const { [field]: _k, ...rest } = values;
          store.update(def.name, existing.Id, rest);
          return { id: existing.Id, success: true, errors: [], created: false };
        }
        const created = store.create(def.name, values);
        undo(removeCreated(def.name, created.Id));
        return { id: created.Id, success: true, errors: [], created: true };
      }),
    );
  });

  return router;
};
