import { Router, type Request, type Response } from 'express';
import type { SalesforceContext } from './context.js';
import { SfApiError } from './errors.js';
import { DEFAULT_BATCH_SIZE } from './query-engine.js';
import { describeObject, presentRecord, versionOf } from './present.js';

const batchSizeOf = (req: Request): number => {
  const match = /batchSize=(\d+)/i.exec(req.header('sforce-query-options') ?? '');
  // Salesforce honours 200–2,000 and treats the size as a hint.
  return match ? Math.min(DEFAULT_BATCH_SIZE, Math.max(200, Number(match[1]))) : DEFAULT_BATCH_SIZE;
};

/** Query, describe and single-record sObject endpoints under `/services/data/vXX.X`. */
export const dataRoutes = (ctx: SalesforceContext): Router => {
  const router = Router({ mergeParams: true });
  const { store } = ctx;
  const version = (req: Request): string => versionOf((req.params as { version?: string }).version);

  router.get('/', (req, res) => {
    const base = `/services/data/v${version(req)}`;
    res.json({
      sobjects: `${base}/sobjects`,
      query: `${base}/query`,
      queryAll: `${base}/queryAll`,
      limits: `${base}/limits`,
      composite: `${base}/composite`,
    });
  });

  router.get('/limits', (_req, res) => {
    res.json({
      DailyApiRequests: { Max: ctx.apiUsage.max, Remaining: ctx.apiUsage.max - ctx.apiUsage.used() },
    });
  });

  const query = (includeDeleted: boolean) => (req: Request, res: Response) => {
    const soql = typeof req.query.q === 'string' ? req.query.q : '';
    if (!soql) throw new SfApiError(400, 'MALFORMED_QUERY', 'A query string must be provided.');
    res.json(ctx.queries.run(soql, version(req), batchSizeOf(req), includeDeleted));
  };
  router.get('/query', query(false));
  router.get('/queryAll', query(true));
  router.get('/query/:locator', (req, res) =>
    res.json(ctx.queries.more(req.params.locator as string, version(req))),
  );
  router.get('/queryAll/:locator', (req, res) =>
    res.json(ctx.queries.more(req.params.locator as string, version(req))),
  );

  router.get('/sobjects', (req, res) => {
    res.json({
      encoding: 'UTF-8',
      maxBatchSize: 200,
      sobjects: [...store.objects.values()].map((def) => {
        const { fields: _f, ...rest } = describeObject(def, version(req));
        return rest;
      }),
    });
  });
  router.get('/sobjects/:type/describe', (req, res) =>
    res.json(describeObject(store.object(req.params.type as string), version(req))),
  );
  router.get('/sobjects/:type', (req, res) => {
    const { fields: _f, ...objectDescribe } = describeObject(
      store.object(req.params.type as string),
      version(req),
    );
    res.json({ objectDescribe, recentItems: [] });
  });

  router.post('/sobjects/:type', (req, res) => {
    const record = store.create(req.params.type as string, req.body as Record<string, unknown>);
    res.status(201).json({ id: record.Id, success: true, errors: [] });
  });

  router.get('/sobjects/:type/:id', (req, res) => {
    const def = store.object(req.params.type as string);
    const record = store.get(def.name, req.params.id as string);
    if (!record) throw new SfApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    const fields =
      typeof req.query.fields === 'string' ? req.query.fields.split(',').map((f) => f.trim()) : undefined;
    res.json(presentRecord(def, record, version(req), fields));
  });

  router.patch('/sobjects/:type/:id', (req, res) => {
    store.update(req.params.type as string, req.params.id as string, req.body as Record<string, unknown>);
    res.status(204).end();
  });

  router.delete('/sobjects/:type/:id', (req, res) => {
    store.delete(req.params.type as string, req.params.id as string);
    res.status(204).end();
  });

  /** Upsert by external id: 201 when created, 200 when an existing record was updated. */
  router.patch('/sobjects/:type/:field/:value', (req, res) => {
    const def = store.object(req.params.type as string);
    const field = req.params.field as string;
    if (!def.fields.get(field)?.externalId && field !== 'Id') {
      throw new SfApiError(
        400,
        'NOT_FOUND',
        `Provided external ID field does not exist or is not accessible: ${field}`,
      );
    }
    const existing = store.findBy(def.name, field, req.params.value);
    if (existing) {
      store.update(def.name, existing.Id, req.body as Record<string, unknown>);
      res.status(200).json({ id: existing.Id, success: true, errors: [], created: false });
      return;
    }
    const created = store.create(def.name, {
      ...(req.body as Record<string, unknown>),
      [field]: req.params.value,
    });
    res.status(201).json({ id: created.Id, success: true, errors: [], created: true });
  });

  return router;
};
