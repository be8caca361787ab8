import { z } from 'zod';
import { touchKindSchema, touchSourceSchema } from '@entente/shared/attribution';
import { isoDateTimeSchema } from '@entente/shared/domain';
import type { AppContext } from '../../appContext.js';
import { reportTouchpointsAsPartner } from '../../use-cases/partners/partnerTouchReports.js';
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

/** Only the partner's own reports, with the evidence it sent; nothing of a record the CRM or a person made. */
const recordedSchema = z
  .object({
    recorded: z.array(
      z
        .object({
          id: z.string(),
          dealId: z.string(),
          participantId: z.string().meta({ description: 'You' }),
          kind: touchKindSchema,
          occurredAt: z.string(),
          source: touchSourceSchema,
          evidence: z.object({
            externalId: z.string().optional(),
            url: z.string().optional(),
            note: z.string().optional(),
          }),
        })
        .meta({ id: 'PartnerTouchpoint' }),
    ),
    duplicates: z.array(
      z.object({
        id: z.string(),
        keptId: z.string().optional().meta({ description: 'Only when the record kept is one of yours' }),
        reason: z.string(),
      }),
    ),
    alreadyKnown: z.array(z.string()),
  })
  .meta({ id: 'RecordedTouchpoints' });

export const touchpointRoutes = (ctx: AppContext) => [
  defineRoute({
    method: 'post',
    idempotent: true,
    path: '/api/v1/touchpoints',
    summary:
      'Partners: report your influence on deals you are part of (never sourcing; counted as the attribution settings say until confirmed; deduplicated, safe to resend)',
    tags: ['attribution'],
    openapi: bearerSecurity,
    before: [requirePartner(ctx)],
    body: z.object({ touchpoints: z.array(touchReportSchema).min(1).max(100) }),
    responses: {
      201: {
        description:
          'Recorded; duplicates and repeats are listed, not counted twice. Only your own reports are described, with the evidence you sent',
        schema: recordedSchema,
      },
      403: {
        description:
          'ATTRIBUTION.SOURCED_NOT_REPORTABLE: a `sourced` or `referral` touch; sourcing credit comes from an approved registration',
      },
      404: { description: 'A deal you are not part of' },
    },
    handler: async ({ body, req }) => {
      const partner = partnerOf(req);
      const result = await reportTouchpointsAsPartner(
        ctx,
        partner.tenantId,
        partner.partnerId,
        body.touchpoints,
      );
      return { status: 201, body: result };
    },
  }),
];
