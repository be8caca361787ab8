import { z } from 'zod';
import type { AppContext } from '../../appContext.js';
import { getPartnerValue } from '../../use-cases/getPartnerValue.js';
import { bearerSecurity, internalUserOf, requireInternalUser } from '../auth/index.js';
import { defineRoute } from '../route.js';

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
      next: z.object({ tierId: z.string(), tierName: z.string(), missing: z.array(z.string()) }).nullable(),
    }),
    customerOutcomes: z.object({ verified: z.number().int(), rated: z.number().int() }),
  })
  .meta({ id: 'PartnerValue' });

export const partnerValueRoutes = (ctx: AppContext) => [
  defineRoute({
    method: 'get',
    path: '/api/v1/partners/:partnerId/value',
    summary: 'A partner’s value beyond revenue and its capability-based tier, with the reasons',
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
];
