import { z } from 'zod';
import { touchKindSchema, touchpointSchema } from '@entente/shared/attribution';
import { isoDateTimeSchema } from '@entente/shared/domain';
import type { AppContext } from '../../appContext.js';
import { reportPartnerTouchpoints } from '../../use-cases/reportPartnerTouchpoints.js';
import { bearerSecurity, partnerOf, requirePartner } from '../auth/index.js';
import { defineRoute } from '../route.js';

const touchReportSchema = z
  .object({
    dealId: z.string().min(1).max(128),
    kind: touchKindSchema,
    occurredAt: isoDateTimeSchema,
    externalId: z.string().min(1).max(200).optional().meta({ description: 'Your id for the activity' }),
    url: z.url().optional(),
    note: z.string().max(2000).optional(),
  })
  .meta({ id: 'TouchReport' });

const recordedSchema = z
  .object({
    recorded: z.array(touchpointSchema),
    duplicates: z.array(z.object({ id: z.string(), keptId: z.string(), reason: z.string() })),
    alreadyKnown: z.array(z.string()),
  })
  .meta({ id: 'RecordedTouchpoints' });

export const touchpointRoutes = (ctx: AppContext) => [
  defineRoute({
    method: 'post',
    idempotent: true,
    path: '/api/v1/touchpoints',
    summary: 'Partners: report what you did on deals you are part of (deduplicated, safe to resend)',
    tags: ['attribution'],
    openapi: bearerSecurity,
    before: [requirePartner(ctx)],
    body: z.object({ touchpoints: z.array(touchReportSchema).min(1).max(100) }),
    responses: {
      201: {
        description: 'Recorded; duplicates and repeats are listed, not counted twice',
        schema: recordedSchema,
      },
      404: { description: 'A deal you are not part of' },
    },
    handler: async ({ body, req }) => {
      const partner = partnerOf(req);
      const result = await reportPartnerTouchpoints(
        ctx,
        partner.tenantId,
        partner.partnerId,
        body.touchpoints,
      );
      return { status: 201, body: result };
    },
  }),
];
