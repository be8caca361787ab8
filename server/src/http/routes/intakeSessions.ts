import { z } from 'zod';
import type { AppContext } from '../../appContext.js';
import { noteIntakeStage, startIntakeSession } from '../../use-cases/intakeSessions.js';
import { bearerSecurity, partnerOf, requirePartner } from '../auth/index.js';
import { defineRoute } from '../route.js';

const stage = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'a short stage name such as customer or details')
  .meta({ description: 'Where the form is: a short name such as customer, details or review' });

/**
 * Partner intake sessions: a form says when a partner starts registering and which stage it
 * reached, so completion, abandonment by stage and the fields partners fill in are measured, not
 * guessed. Optional: a registration submitted without a session records one of its own.
 */
export const intakeSessionRoutes = (ctx: AppContext) => [
  defineRoute({
    method: 'post',
    idempotent: true,
    path: '/api/v1/intake-sessions',
    summary: 'Start registering a deal (partner): opens an intake session and says which fields are required',
    tags: ['registrations'],
    body: z
      .object({ channel: z.enum(['form', 'chat', 'api']).default('form'), stage: stage.optional() })
      .strict()
      .meta({ id: 'StartIntakeSessionRequest' }),
    before: [requirePartner(ctx)],
    openapi: bearerSecurity,
    responses: {
      201: {
        description: 'The session; pass its id as intakeSessionId when registering',
        schema: z.object({
          id: z.string(),
          channel: z.string(),
          startedAt: z.string(),
          stage: z.string(),
          requiredFields: z.array(z.string()),
        }),
      },
    },
    handler: async ({ body, req }) => {
      const partner = partnerOf(req);
      return {
        status: 201,
        body: await startIntakeSession(ctx, {
          ...partner,
          channel: body.channel,
          ...(body.stage ? { stage: body.stage } : {}),
        }),
      };
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/v1/intake-sessions/:sessionId',
    summary: 'Say which stage the form reached (partner); a session never submitted was abandoned there',
    tags: ['registrations'],
    params: z.object({ sessionId: z.string().min(1).max(64) }),
    body: z.object({ stage }).strict().meta({ id: 'IntakeStageRequest' }),
    before: [requirePartner(ctx)],
    openapi: bearerSecurity,
    responses: {
      200: { description: 'The stage was recorded', schema: z.object({ id: z.string(), stage: z.string() }) },
      404: { description: 'Not yours or not found' },
      409: { description: 'INTAKE.SESSION_CLOSED: the session already ended in a registration' },
    },
    handler: async ({ params, body, req }) => ({
      body: await noteIntakeStage(ctx, { ...partnerOf(req), sessionId: params.sessionId, stage: body.stage }),
    }),
  }),
];
