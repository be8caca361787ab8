import { z } from 'zod';
import type { AppContext } from '../../appContext.js';
import { migrationStatus } from '../../store/migrate.js';
import { defineRoute } from '../route.js';

const readinessSchema = z
  .object({
    status: z.enum(['ready', 'not_ready']),
    checks: z.object({
      database: z.object({ ok: z.boolean(), engine: z.string(), error: z.string().optional() }),
      migrations: z.object({ ok: z.boolean(), current: z.number(), latest: z.number() }),
      shuttingDown: z.boolean(),
      /** The sandbox is still installing and seeding itself. */
      settingUp: z.boolean(),
    }),
  })
  .meta({ id: 'Readiness' });

export const healthRoutes = (ctx: AppContext) => [
  defineRoute({
    method: 'get',
    path: '/healthz',
    summary: 'Liveness: the process is up and answering',
    tags: ['operations'],
    responses: { 200: { description: 'Alive', schema: z.object({ status: z.literal('ok') }) } },
    handler: async () => ({ body: { status: 'ok' as const } }),
  }),
  defineRoute({
    method: 'get',
    path: '/readyz',
    summary: 'Readiness: the database answers, its migrations are current and the sandbox (if any) is set up',
    tags: ['operations'],
    responses: {
      200: { description: 'Ready for traffic', schema: readinessSchema },
      503: { description: 'Not ready', schema: readinessSchema },
    },
    handler: async () => {
      const database: { ok: boolean; engine: string; error?: string } = {
        ok: true,
        engine: ctx.store.db.engine,
      };
      let migrations = { ok: false, current: 0, latest: 0 };
      try {
        const status = await migrationStatus(ctx.store.db);
        migrations = { ok: status.pending.length === 0, current: status.current, latest: status.latest };
      } catch (error) {
        database.ok = false;
        database.error = (error as Error).message;
      }
      const { shuttingDown, settingUp } = ctx.lifecycle;
      const ready = database.ok && migrations.ok && !shuttingDown && !settingUp;
      return {
        status: ready ? 200 : 503,
        body: {
          status: ready ? ('ready' as const) : ('not_ready' as const),
          checks: { database, migrations, shuttingDown, settingUp },
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus metrics',
    tags: ['operations'],
    responses: {
      200: { description: 'Prometheus text exposition', schema: z.string(), contentType: 'text/plain' },
    },
    handler: async () => ({
      headers: { 'content-type': ctx.metrics.registry.contentType },
      body: await ctx.metrics.registry.metrics(),
    }),
  }),
];
