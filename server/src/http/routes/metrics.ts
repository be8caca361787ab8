import { z } from 'zod';
import { isoDateTimeSchema } from '@entente/shared/domain';
import type { AppContext } from '../../appContext.js';
import { getProgramMetrics } from '../../use-cases/getProgramMetrics.js';
import { bearerSecurity, internalUserOf, requireInternalUser } from '../auth/index.js';
import { defineRoute } from '../route.js';

const metricSchema = z
  .object({
    id: z.string(),
    group: z.enum(['friction', 'ai_operations', 'trust', 'program_health']),
    name: z.string(),
    unit: z.enum(['ratio', 'hours', 'days', 'count', 'minor_units']),
    better: z.enum(['higher', 'lower']),
    definition: z.string(),
    value: z.number().nullable(),
    sampleSize: z.number().int(),
    breakdown: z.record(z.string(), z.number()).optional(),
    unavailable: z
      .string()
      .nullable()
      .meta({ description: 'Why the metric cannot be computed yet: its source is not recorded' }),
    noValueBecause: z.string().nullable().meta({
      description:
        'Why this window has no value (the source is not recorded, or nothing matched); null with a value',
    }),
  })
  .meta({ id: 'ProgramMetric' });

export const metricsRoutes = (ctx: AppContext) => [
  defineRoute({
    method: 'get',
    path: '/api/v1/metrics/program',
    summary:
      'Program metrics (friction, AI operations, trust, program health) over [from, to), each with its definition',
    tags: ['metrics'],
    openapi: bearerSecurity,
    before: [requireInternalUser(ctx)],
    query: z.object({ from: isoDateTimeSchema, to: isoDateTimeSchema }),
    responses: {
      200: {
        description:
          'Every metric with its value, sample size and definition; null when there is nothing to measure',
        schema: z
          .object({
            from: z.string(),
            to: z.string(),
            metrics: z.object({
              friction: z.array(metricSchema),
              ai_operations: z.array(metricSchema),
              trust: z.array(metricSchema),
              program_health: z.array(metricSchema),
            }),
          })
          .meta({ id: 'ProgramMetrics' }),
      },
    },
    handler: async ({ query, req }) => {
      const user = internalUserOf(req);
      return { body: await getProgramMetrics(ctx, user.tenantId, query.from, query.to) };
    },
  }),
];
