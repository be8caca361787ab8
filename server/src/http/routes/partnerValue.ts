import { isoDateTimeSchema } from '@entente/shared/domain';
import { partnerOutcomeKindSchema, partnerOutcomeKinds } from '@entente/shared/partner-value';
import { z } from 'zod';
import type { AppContext } from '../../appContext.js';
import { getPartnerValue } from '../../use-cases/getPartnerValue.js';
import { recordPartnerOutcome } from '../../use-cases/recordPartnerOutcome.js';
import { actingUserOf, bearerSecurity, internalUserOf, requireInternalUser } from '../auth/index.js';
import { defineRoute } from '../route.js';

const nextTierSchema = z
  .object({ tierId: z.string(), tierName: z.string(), missing: z.array(z.string()) })
  .nullable()
  .meta({ description: 'The next tier up and what it still needs; null at the top' });

const tierOfRecordSchema = z
  .object({
    tierId: z.string(),
    tierName: z.string().nullable(),
    assessment: z
      .object({
        tierId: z.string(),
        tierName: z.string(),
        policyVersion: z.string(),
        reasons: z.array(z.string()),
        next: nextTierSchema,
        assessedAt: z.string(),
      })
      .nullable()
      .meta({ description: 'The stored assessment that set the tier; null when the tier was set by hand' }),
  })
  .meta({ id: 'TierOfRecord', description: 'The tier the partner holds, and why' });

const partnerValueSchema = z
  .object({
    partnerId: z.string(),
    partnerName: z.string(),
    joinedAt: z.string(),
    joinedAtSource: z.enum(['recorded', 'first_activity']),
    value: z.object({
      partnerId: z.string(),
      activation: z.object({
        firstRegistrationAt: z.string().nullable(),
        daysToFirstRegistration: z.number().nullable(),
        firstWonDealAt: z.string().nullable(),
        daysToFirstWonDeal: z.number().nullable(),
      }),
      sourcedPipelineMinor: z.number().int(),
      influencedPipelineMinor: z.number().int(),
      sourcedRevenueMinor: z.number().int(),
      influencedRevenueMinor: z.number().int(),
      wonDeals: z.number().int(),
      renewalsSupported: z.object({ deals: z.number().int(), amountMinor: z.number().int() }),
      adoptionSupportedDeals: z.number().int(),
      coSellDeals: z.number().int(),
      coDeliveryDeals: z.number().int(),
    }),
    tier: z.object({
      partnerId: z.string(),
      tierId: z.string(),
      tierName: z.string(),
      policyVersion: z.string(),
      reasons: z.array(z.string()),
      next: nextTierSchema,
    }),
    tierOfRecord: tierOfRecordSchema,
    customerOutcomes: z.object({ verified: z.number().int(), rated: z.number().int() }),
  })
  .meta({ id: 'PartnerValue' });

const outcomeSchema = z
  .object({
    id: z.string(),
    partnerId: z.string(),
    kind: partnerOutcomeKindSchema.nullable(),
    dealId: z.string().nullable(),
    verified: z.boolean(),
    csat: z.number().nullable(),
    note: z.string().nullable(),
    source: z.enum(['internal', 'crm']),
    recordedBy: z.string().nullable(),
    occurredAt: z.string().nullable(),
    recordedAt: z.string(),
  })
  .meta({ id: 'PartnerOutcome' });

const recordedOutcomeSchema = z
  .object({
    recorded: z
      .boolean()
      .meta({ description: 'False when the outcome was already recorded: nothing changed' }),
    outcome: outcomeSchema,
    tier: tierOfRecordSchema.extend({
      changed: z.boolean().meta({ description: 'Whether this outcome moved the partner to another tier' }),
      previousTier: z.string(),
      next: nextTierSchema,
    }),
  })
  .meta({ id: 'RecordedPartnerOutcome' });

export const partnerValueRoutes = (ctx: AppContext) => [
  defineRoute({
    method: 'get',
    path: '/api/v1/partners/:partnerId/value',
    summary:
      'A partner’s value beyond revenue, the capability-based tier it qualifies for now with the reasons, and the tier of record (the stored assessment that set it)',
    tags: ['partners'],
    openapi: bearerSecurity,
    before: [requireInternalUser(ctx)],
    params: z.object({ partnerId: z.string().min(1).max(128) }),
    responses: {
      200: { description: 'Value and tier', schema: partnerValueSchema },
      404: { description: 'No such partner' },
    },
    handler: async ({ params, req }) => {
      const user = internalUserOf(req);
      return { body: await getPartnerValue(ctx, user.tenantId, params.partnerId) };
    },
  }),
  defineRoute({
    method: 'post',
    idempotent: true,
    path: '/api/v1/partners/:partnerId/outcomes',
    summary:
      'Record a customer outcome a partner delivered (activation, adoption, co-sell, implementation): partner managers, deal desk and admins; audited, and the partner’s tier is assessed again, stored with its reasons and audited when it moves',
    tags: ['partners'],
    openapi: bearerSecurity,
    before: [requireInternalUser(ctx)],
    params: z.object({ partnerId: z.string().min(1).max(128) }),
    body: z.object({
      // Any text, so an unknown kind is answered with its own code (OUTCOME.UNKNOWN_KIND) naming the kinds.
      kind: z
        .string()
        .min(1)
        .max(64)
        .meta({ description: `One of ${partnerOutcomeKinds.join(', ')}`, examples: ['implementation'] }),
      dealId: z.string().min(1).max(128).optional().meta({ description: 'The deal the outcome came of' }),
      externalId: z.string().min(1).max(200).optional().meta({
        description:
          'Tells outcomes of one kind apart when there is no deal, or several on one deal. The partner, kind and deal or externalId identify an outcome: recording it again changes nothing.',
      }),
      occurredAt: isoDateTimeSchema.optional().meta({ description: 'When it happened; not in the future' }),
      verified: z.boolean().optional().meta({
        description: 'Checked with the customer (default true); unverified outcomes count towards no tier',
      }),
      csat: z.number().min(1).max(5).optional().meta({ description: 'The customer’s satisfaction, 1 to 5' }),
      note: z.string().trim().min(1).max(2000).optional(),
      actingUserId: z
        .string()
        .min(1)
        .max(128)
        .optional()
        .meta({ description: 'Admin tokens acting for a CRM surface: the person recording it' }),
    }),
    responses: {
      201: {
        description: 'Recorded, with the tier the partner holds afterwards',
        schema: recordedOutcomeSchema,
      },
      200: { description: 'Already recorded: nothing changed', schema: recordedOutcomeSchema },
      400: { description: 'REQUEST.INVALID: a body that does not parse, or occurredAt in the future' },
      403: {
        description:
          'OUTCOME.FORBIDDEN (not a partner manager, deal-desk member or admin) or GOVERNANCE.NOT_NEUTRAL (the partner’s own manager)',
      },
      404: { description: 'REQUEST.NOT_FOUND: no such partner in this tenant' },
      422: {
        description:
          'OUTCOME.UNKNOWN_KIND (the message lists the kinds) or OUTCOME.UNKNOWN_DEAL (no such deal)',
      },
    },
    handler: async ({ params, body, req }) => {
      const principal = internalUserOf(req);
      const { actingUserId, ...outcome } = body;
      const result = await recordPartnerOutcome(ctx, {
        tenantId: principal.tenantId,
        actorUserId: actingUserOf(principal, actingUserId),
        partnerId: params.partnerId,
        outcome,
      });
      return { status: result.recorded ? 201 : 200, body: result };
    },
  }),
];
