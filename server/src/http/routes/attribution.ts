import { z } from 'zod';
import { disputeRemedySchema, touchKindSchema } from '@entente/shared/attribution';
import { isoDateTimeSchema } from '@entente/shared/domain';
import { CommonErrors } from '@entente/shared/errors';
import type { AppContext } from '../../appContext.js';
import {
  attributionSettingsViewSchema,
  dealAttributionViewSchema,
  dealDisputesViewSchema,
  disputeViewSchema,
  internalRecordedTouchpointsSchema,
  partnerDealAttributionViewSchema,
  partnerDisputeViewSchema,
  reviewDisputeViewSchema,
} from '../schemas/attribution.js';
import { adjudicateAttributionDispute } from '../../use-cases/adjudicateAttributionDispute.js';
import { finaliseDealAttribution } from '../../use-cases/finaliseDealAttribution.js';
import { getDealAttribution, toDisputeView } from '../../use-cases/getDealAttribution.js';
import { getPartnerDealAttribution } from '../../use-cases/getPartnerDealAttribution.js';
import { partnerDisputeView } from '../../use-cases/partners/partnerViews.js';
import {
  attributionSettingsInputSchema,
  publishAttributionSettings,
} from '../../use-cases/publishAttributionSettings.js';
import { listDealDisputes, listLiveDisputes } from '../../use-cases/listAttributionDisputes.js';
import { raiseAttributionDispute } from '../../use-cases/raiseAttributionDispute.js';
import {
  confirmPartnerTouchpoint,
  recordInternalTouchpoints,
} from '../../use-cases/recordInternalTouchpoints.js';
import {
  actingUserOf,
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
      'A deal’s credit: every split with its reason and disputes (internal users); a partner sees only its own share, without amounts, and its own disputes',
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
    summary:
      'Dispute a split and name the remedy: a partner disputes its own, an internal user names the participant',
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
      remedy: disputeRemedySchema.optional().meta({
        description:
          'What upholding it does: `{kind: "split", shares: [{participantId, percent}]}` (the named shares; what they leave goes to the others in proportion, or to the direct team; a partner names only its own share) or `{kind: "model", model}` (the deal is attributed under that model). Without one, the adjudicator names it when upholding.',
      }),
    }),
    responses: {
      201: {
        description: 'The dispute, with its deadline',
        schema: z.union([disputeViewSchema, partnerDisputeViewSchema]),
      },
      400: {
        description: 'REQUEST.INVALID: a remedy that does not parse (shares over 100, a participant twice)',
      },
      403: { description: 'A partner naming another participant’s split or share' },
      409: { description: 'Not finalised yet, or the split already has an open dispute' },
      422: {
        description: 'DISPUTE.REMEDY_INVALID: the remedy names someone who is neither a partner nor direct',
      },
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
          remedy: body.remedy,
        });
        return { status: 201, body: partnerDisputeView(dispute) };
      }
      if (body.participantId === undefined) throw CommonErrors.validation('participantId is required');
      const dispute = await raiseAttributionDispute(ctx, principal.tenantId, {
        dealId: params.dealId,
        participantId: body.participantId,
        raisedBy: { role: 'seller', id: principal.userId },
        reason: body.reason,
        remedy: body.remedy,
      });
      return { status: 201, body: toDisputeView(dispute) };
    },
  }),
  defineRoute({
    method: 'post',
    idempotent: true,
    path: '/api/v1/attributions/:dealId/disputes/:disputeId/decision',
    summary:
      'A neutral partner manager, deal-desk member or admin takes a dispute into review, upholds it (applying its remedy as a new attribution revision, audited and written to the CRM) or rejects it',
    tags: ['attribution'],
    openapi: bearerSecurity,
    before: [requireInternalUser(ctx)],
    params: z.object({ dealId: z.string().min(1).max(128), disputeId: z.string().min(1).max(128) }),
    body: z.object({
      action: z.enum(['start_review', 'uphold', 'reject']),
      reason: z.string().trim().min(1).max(4000),
      remedy: disputeRemedySchema.optional().meta({
        description:
          'Upholding a dispute that names no remedy: what the credit becomes (see raising a dispute)',
      }),
      actingUserId: z.string().min(1).max(128).optional().meta({
        description: 'Admin tokens acting for a CRM surface: the person deciding',
      }),
    }),
    responses: {
      200: { description: 'The dispute after the decision', schema: disputeViewSchema },
      403: {
        description:
          'GOVERNANCE.NOT_NEUTRAL: the user has a stake in the deal’s credit (named); AUTH.FORBIDDEN: not a partner manager, deal desk member or admin',
      },
      409: {
        description:
          'DISPUTE.ILLEGAL_TRANSITION: not in a state (or time) that allows it; DISPUTE.REMEDY_ALREADY_NAMED: the dispute names its own remedy',
      },
      422: { description: 'DISPUTE.REMEDY_REQUIRED: upholding a dispute that names no remedy needs one' },
    },
    handler: async ({ params, body, req }) => {
      const user = internalUserOf(req);
      const dispute = await adjudicateAttributionDispute(ctx, user.tenantId, {
        ...params,
        actorUserId: actingUserOf(user, body.actingUserId),
        action: body.action,
        reason: body.reason,
        ...(body.remedy === undefined ? {} : { remedy: body.remedy }),
      });
      return { body: toDisputeView(dispute) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/attributions/:dealId/disputes',
    summary:
      'Internal users: a deal’s disputes for review, each with its remedy, the split upholding it would give and what you may do (or why not)',
    tags: ['attribution'],
    openapi: bearerSecurity,
    before: [requireInternalUser(ctx)],
    params: dealParams,
    query: z.object({
      state: z
        .enum(['live', 'all'])
        .default('all')
        .meta({ description: '`live`: only those still waiting for a decision' }),
    }),
    responses: {
      200: { description: 'The finalised credit and its disputes', schema: dealDisputesViewSchema },
      404: { description: 'No such deal, or its credit is not finalised (nothing can be disputed yet)' },
    },
    handler: async ({ params, query, req }) => {
      const user = internalUserOf(req);
      return {
        body: await listDealDisputes(ctx, user.tenantId, user.userId, params.dealId, { state: query.state }),
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/attribution/disputes',
    summary: 'Internal users: every dispute still waiting for a decision, soonest deadline first',
    tags: ['attribution'],
    openapi: bearerSecurity,
    before: [requireInternalUser(ctx)],
    responses: {
      200: {
        description: 'The review queue, with what you may do about each dispute',
        schema: z.object({ disputes: z.array(reviewDisputeViewSchema) }),
      },
    },
    handler: async ({ req }) => {
      const user = internalUserOf(req);
      return { body: await listLiveDisputes(ctx, user.tenantId, user.userId) };
    },
  }),
  defineRoute({
    method: 'post',
    idempotent: true,
    path: '/api/v1/attributions/:dealId/touchpoints',
    summary:
      'Internal users: record what a participant did on a deal, as the company’s record (source `internal`, counted in full; it confirms a partner’s report of the same touch)',
    tags: ['attribution'],
    openapi: bearerSecurity,
    before: [requireInternalUser(ctx)],
    params: dealParams,
    body: z.object({
      touchpoints: z
        .array(
          z
            .object({
              participantId: z.string().min(1).max(128).meta({ description: 'A partner id, or `direct`' }),
              kind: touchKindSchema,
              occurredAt: isoDateTimeSchema,
              externalId: z.string().min(1).max(200).optional(),
              url: z.url().optional(),
              note: z.string().max(2000).optional(),
            })
            .meta({ id: 'InternalTouch' }),
        )
        .min(1)
        .max(100),
    }),
    responses: {
      201: {
        description: 'Recorded; duplicates and repeats are listed, not counted twice',
        schema: internalRecordedTouchpointsSchema,
      },
      403: {
        description:
          'GOVERNANCE.NOT_NEUTRAL: sourcing recorded by someone with a stake in the deal, or any touch for a partner you manage; AUTH.FORBIDDEN: sourcing recorded by someone who is not a partner manager, deal desk member or admin',
      },
      404: { description: 'No such deal' },
      422: { description: 'ATTRIBUTION.UNKNOWN_PARTICIPANT' },
    },
    handler: async ({ params, body, req }) => {
      const user = internalUserOf(req);
      return {
        status: 201,
        body: await recordInternalTouchpoints(
          ctx,
          user.tenantId,
          user.userId,
          params.dealId,
          body.touchpoints,
        ),
      };
    },
  }),
  defineRoute({
    method: 'post',
    idempotent: true,
    path: '/api/v1/attributions/:dealId/touchpoints/:touchpointId/confirm',
    summary:
      'Internal users: confirm a partner-reported touch, which then counts in full (the company’s record takes its place)',
    tags: ['attribution'],
    openapi: bearerSecurity,
    before: [requireInternalUser(ctx)],
    params: z.object({ dealId: z.string().min(1).max(128), touchpointId: z.string().min(1).max(128) }),
    body: z.object({ note: z.string().max(2000).optional() }),
    responses: {
      201: { description: 'The confirming record', schema: internalRecordedTouchpointsSchema },
      403: { description: 'GOVERNANCE.NOT_NEUTRAL: you manage the partner' },
      404: { description: 'No such touchpoint on the deal' },
      409: { description: 'ATTRIBUTION.NOT_PARTNER_REPORTED: the touch is already the company’s record' },
    },
    handler: async ({ params, body, req }) => {
      const user = internalUserOf(req);
      return {
        status: 201,
        body: await confirmPartnerTouchpoint(ctx, user.tenantId, user.userId, {
          dealId: params.dealId,
          touchpointId: params.touchpointId,
          ...(body.note === undefined ? {} : { note: body.note }),
        }),
      };
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
    summary:
      'The tenant’s current attribution model, renewal and dispute policy, and how much partner-reported touches count',
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
