import { z } from 'zod';
import { CommonErrors } from '@entente/shared/errors';
import type { AppContext } from '../../appContext.js';
import {
  attributionSettingsViewSchema,
  dealAttributionViewSchema,
  disputeViewSchema,
  partnerDealAttributionViewSchema,
  partnerDisputeViewSchema,
} from '../schemas/attribution.js';
import { adjudicateAttributionDispute } from '../../use-cases/adjudicateAttributionDispute.js';
import { finaliseDealAttribution } from '../../use-cases/finaliseDealAttribution.js';
import { getDealAttribution, toDisputeView } from '../../use-cases/getDealAttribution.js';
import { getPartnerDealAttribution } from '../../use-cases/getPartnerDealAttribution.js';
import {
  attributionSettingsInputSchema,
  publishAttributionSettings,
} from '../../use-cases/publishAttributionSettings.js';
import { raiseAttributionDispute } from '../../use-cases/raiseAttributionDispute.js';
import {
  bearerSecurity,
  internalUserOf,
  principalOf,
  requireAdmin,
  requireAnyPrincipal,
  requireInternalUser,
} from '../auth/index.js';
import { defineRoute } from '../route.js';

const dealParams = z.object({ dealId: z.string().min(1).max(128) });

export const attributionRoutes = (ctx: AppContext) => [
  defineRoute({
    method: 'get',
    path: '/api/v1/attributions/:dealId',
    summary:
      'A deal’s credit: every split with its reason and disputes (internal users); a partner sees only its own split',
    tags: ['attribution'],
    openapi: bearerSecurity,
    before: [requireAnyPrincipal(ctx)],
    params: dealParams,
    responses: {
      200: {
        description: 'The finalised split of a won deal, or the provisional split of an open one',
        schema: z.union([dealAttributionViewSchema, partnerDealAttributionViewSchema]),
      },
      404: { description: 'No such deal (or, for a partner, a deal it is not part of)' },
    },
    handler: async ({ params, req }) => {
      const principal = principalOf(req);
      const body =
        principal.kind === 'partner'
          ? await getPartnerDealAttribution(ctx, principal.tenantId, principal.partnerId, params.dealId)
          : await getDealAttribution(ctx, principal.tenantId, params.dealId);
      return { body };
    },
  }),
  defineRoute({
    method: 'post',
    idempotent: true,
    path: '/api/v1/attributions/:dealId/disputes',
    summary: 'Dispute a split: a partner disputes its own, an internal user names the participant',
    tags: ['attribution'],
    openapi: bearerSecurity,
    before: [requireAnyPrincipal(ctx)],
    params: dealParams,
    body: z.object({
      reason: z.string().trim().min(1).max(4000),
      participantId: z
        .string()
        .min(1)
        .max(128)
        .optional()
        .meta({ description: 'Internal users: whose split is disputed. Partners: omit (always their own).' }),
    }),
    responses: {
      201: {
        description: 'The dispute, with its deadline',
        schema: z.union([disputeViewSchema, partnerDisputeViewSchema]),
      },
      409: { description: 'Not finalised yet, or the split already has an open dispute' },
    },
    handler: async ({ params, body, req }) => {
      const principal = principalOf(req);
      if (principal.kind === 'partner') {
        if (body.participantId !== undefined && body.participantId !== principal.partnerId) {
          throw CommonErrors.forbidden('A partner can dispute only its own split');
        }
        const involved = await getPartnerDealAttribution(
          ctx,
          principal.tenantId,
          principal.partnerId,
          params.dealId,
        );
        const dispute = await raiseAttributionDispute(ctx, principal.tenantId, {
          dealId: involved.dealId,
          participantId: principal.partnerId,
          raisedBy: { role: 'partner', id: principal.partnerId },
          reason: body.reason,
        });
        const { id, state, reason, openedAt, deadline, outcomeReason } = dispute;
        return { status: 201, body: { id, state, reason, openedAt, deadline, outcomeReason } };
      }
      if (body.participantId === undefined) throw CommonErrors.validation('participantId is required');
      const dispute = await raiseAttributionDispute(ctx, principal.tenantId, {
        dealId: params.dealId,
        participantId: body.participantId,
        raisedBy: { role: 'seller', id: principal.userId },
        reason: body.reason,
      });
      return { status: 201, body: toDisputeView(dispute) };
    },
  }),
  defineRoute({
    method: 'post',
    idempotent: true,
    path: '/api/v1/attributions/:dealId/disputes/:disputeId/decision',
    summary: 'A neutral internal user takes a dispute into review, upholds or rejects it',
    tags: ['attribution'],
    openapi: bearerSecurity,
    before: [requireInternalUser(ctx)],
    params: z.object({ dealId: z.string().min(1).max(128), disputeId: z.string().min(1).max(128) }),
    body: z.object({
      action: z.enum(['start_review', 'uphold', 'reject']),
      reason: z.string().trim().min(1).max(4000),
    }),
    responses: {
      200: { description: 'The dispute after the decision', schema: disputeViewSchema },
      403: { description: 'GOVERNANCE.NOT_NEUTRAL: the user has a stake in the deal’s credit' },
      409: { description: 'DISPUTE.ILLEGAL_TRANSITION: not in a state (or time) that allows it' },
    },
    handler: async ({ params, body, req }) => {
      const user = internalUserOf(req);
      const dispute = await adjudicateAttributionDispute(ctx, user.tenantId, {
        ...params,
        actorUserId: user.userId,
        action: body.action,
        reason: body.reason,
      });
      return { body: toDisputeView(dispute) };
    },
  }),
  defineRoute({
    method: 'post',
    idempotent: true,
    path: '/api/v1/attributions/:dealId/finalise',
    summary: 'Admins: finalise (or re-finalise) a won deal’s attribution under the current settings',
    tags: ['attribution'],
    openapi: bearerSecurity,
    before: [requireAdmin(ctx)],
    params: dealParams,
    responses: {
      200: { description: 'The credit of record', schema: dealAttributionViewSchema },
      409: { description: 'ATTRIBUTION.DEAL_NOT_WON' },
    },
    handler: async ({ params, req }) => {
      const user = internalUserOf(req);
      await finaliseDealAttribution(ctx, user.tenantId, params.dealId, { actor: `user:${user.userId}` });
      return { body: await getDealAttribution(ctx, user.tenantId, params.dealId) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/attribution/settings',
    summary: 'The tenant’s current attribution model, renewal and dispute policy',
    tags: ['attribution'],
    openapi: bearerSecurity,
    before: [requireInternalUser(ctx)],
    responses: {
      200: { description: 'Version 0 is the built-in default', schema: attributionSettingsViewSchema },
    },
    handler: async ({ req }) => {
      const user = internalUserOf(req);
      return { body: await ctx.store.forTenant(user.tenantId).attribution.settings.current() };
    },
  }),
  defineRoute({
    method: 'post',
    idempotent: true,
    path: '/api/v1/attribution/settings',
    summary:
      'Admins: publish a new version of the attribution settings (audited; finalised deals keep theirs)',
    tags: ['attribution'],
    openapi: bearerSecurity,
    before: [requireAdmin(ctx)],
    body: attributionSettingsInputSchema,
    responses: { 201: { description: 'The published version', schema: attributionSettingsViewSchema } },
    handler: async ({ body, req }) => {
      const user = internalUserOf(req);
      return { status: 201, body: await publishAttributionSettings(ctx, user.tenantId, user.userId, body) };
    },
  }),
];
