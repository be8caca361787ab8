import { z } from 'zod';
import { CommonErrors } from '@entente/shared/errors';
import { intakeFieldSchema } from '@entente/shared/governance';
import type { AppContext } from '../../appContext.js';
import { gatherFacts } from '../../use-cases/governance/gatherFacts.js';
import { internalView } from '../../use-cases/governance/registrationViews.js';
import { confirmOverride } from '../../use-cases/confirmOverride.js';
import { decideRegistration } from '../../use-cases/decideRegistration.js';
import { linkRegistrationToDeal } from '../../use-cases/linkRegistrationToDeal.js';
import { publishSimulatedPolicy, simulatePolicyForPublish } from '../../use-cases/publishPolicy.js';
import {
  actingUserOf,
  bearerSecurity,
  internalUserOf,
  requireAdmin,
  requireInternalUser,
} from '../auth/index.js';
import { defineRoute } from '../route.js';

const idParams = z.object({ registrationId: z.string().min(1).max(128) });

const decideBody = z
  .object({
    outcome: z.enum(['approve', 'reject', 'request_info']),
    reason: z.string().min(1).max(4000),
    /** Admin tokens act for a CRM surface: they name the person deciding. Others decide as themselves. */
    actingUserId: z.string().min(1).max(128).optional(),
    /** Links (or relinks) the registration to this deal as part of the decision. */
    dealId: z.string().min(1).max(128).optional(),
    /** With request_info: fields the partner must supply, besides those the rules want. */
    fields: z.array(intakeFieldSchema).max(7).optional(),
  })
  .strict()
  .meta({ id: 'DecideRegistrationRequest' });

const confirmBody = z
  .object({
    decision: z.enum(['confirm', 'decline']),
    reason: z.string().min(1).max(4000),
    actingUserId: z.string().min(1).max(128).optional(),
  })
  .strict()
  .meta({ id: 'ConfirmOverrideRequest' });

const linkBody = z
  .object({
    dealId: z.string().min(1).max(128),
    reason: z.string().min(1).max(4000).optional(),
    actingUserId: z.string().min(1).max(128).optional(),
  })
  .strict()
  .meta({ id: 'LinkRegistrationRequest' });

/** Internal governance endpoints: reviewing and deciding, policies, the audit chain, API keys. */
export const governanceRoutes = (ctx: AppContext) => [
  defineRoute({
    method: 'get',
    path: '/api/v1/review/registrations/:registrationId',
    summary: 'A registration with its conflicts, fired rules, stakes and decision history (internal)',
    tags: ['governance'],
    params: idParams,
    before: [requireInternalUser(ctx)],
    openapi: bearerSecurity,
    responses: {
      200: { description: 'Everything a reviewer needs', schema: z.record(z.string(), z.unknown()) },
    },
    handler: async ({ params, req }) => {
      const { tenantId } = internalUserOf(req);
      const scoped = ctx.store.forTenant(tenantId);
      const registration = await scoped.registrations.get(params.registrationId);
      if (!registration) throw CommonErrors.notFound(`Registration ${params.registrationId}`);
      const facts = await gatherFacts(ctx.store, scoped, registration, ctx.now());
      const [state, decisions] = await Promise.all([
        scoped.governance.get(registration.id),
        scoped.governance.decisions(registration.id),
      ]);
      return { body: internalView(registration, state, facts.stakes, decisions) };
    },
  }),
  defineRoute({
    method: 'post',
    idempotent: true,
    path: '/api/v1/registrations/:registrationId/decisions',
    summary:
      'Decide a registration (internal). Going against an automatic decision only proposes an override (status pending_second_approval) that a second person confirms. 403 GOVERNANCE.NOT_NEUTRAL when the decider has a stake',
    tags: ['governance'],
    params: idParams,
    body: decideBody,
    before: [requireInternalUser(ctx)],
    openapi: bearerSecurity,
    responses: {
      200: { description: 'The decided registration', schema: z.record(z.string(), z.unknown()) },
      400: { description: 'REQUEST.INVALID, or an override without a reason of at least 10 characters' },
      403: { description: 'GOVERNANCE.NOT_NEUTRAL (names the stake) or AUTH.FORBIDDEN (not an approver)' },
      409: { description: 'REGISTRATION.ILLEGAL_TRANSITION or REGISTRATION.DECIDED_CONCURRENTLY' },
    },
    handler: async ({ params, body, req }) => {
      const principal = internalUserOf(req);
      return {
        body: await decideRegistration(ctx, {
          tenantId: principal.tenantId,
          actorUserId: actingUserOf(principal, body.actingUserId),
          registrationId: params.registrationId,
          outcome: body.outcome,
          reason: body.reason,
          ...(body.dealId ? { dealId: body.dealId } : {}),
          ...(body.fields ? { fields: body.fields } : {}),
        }),
      };
    },
  }),
  defineRoute({
    method: 'post',
    idempotent: true,
    path: '/api/v1/registrations/:registrationId/override-confirmations',
    summary:
      'The second person confirms or declines a proposed override (internal; four eyes). Confirming applies the proposed outcome; declining, or nobody confirming by the due time, leaves the automatic decision standing',
    tags: ['governance'],
    params: idParams,
    body: confirmBody,
    before: [requireInternalUser(ctx)],
    openapi: bearerSecurity,
    responses: {
      200: {
        description: 'The registration after the override was settled',
        schema: z.record(z.string(), z.unknown()),
      },
      403: {
        description:
          'GOVERNANCE.SAME_APPROVER (the proposer confirming their own override), GOVERNANCE.NOT_NEUTRAL or AUTH.FORBIDDEN',
      },
      409: {
        description:
          'GOVERNANCE.OVERRIDE_LAPSED (the due time passed), REGISTRATION.ILLEGAL_TRANSITION (nothing pending) or REGISTRATION.DECIDED_CONCURRENTLY',
      },
    },
    handler: async ({ params, body, req }) => {
      const principal = internalUserOf(req);
      return {
        body: await confirmOverride(ctx, {
          tenantId: principal.tenantId,
          actorUserId: actingUserOf(principal, body.actingUserId),
          registrationId: params.registrationId,
          decision: body.decision,
          reason: body.reason,
        }),
      };
    },
  }),
  defineRoute({
    method: 'post',
    idempotent: true,
    path: '/api/v1/registrations/:registrationId/link',
    summary:
      'Link or relink a registration to the deal it is about (approvers and admins; audited). An approved registration credits its partner with sourcing the deal',
    tags: ['governance'],
    params: idParams,
    body: linkBody,
    before: [requireInternalUser(ctx)],
    openapi: bearerSecurity,
    responses: {
      200: {
        description:
          'The linked registration, the deal it was linked to before, and whether anything changed',
        schema: z.object({
          registration: z.record(z.string(), z.unknown()),
          previousDealId: z.string().nullable(),
          changed: z.boolean(),
        }),
      },
      403: {
        description: 'GOVERNANCE.NOT_NEUTRAL (a stake in either deal) or AUTH.FORBIDDEN (not an approver)',
      },
      404: { description: 'No such registration or deal in this tenant' },
      409: { description: 'REGISTRATION.NOT_LINKABLE (decided against, expired, withdrawn or closed)' },
    },
    handler: async ({ params, body, req }) => {
      const principal = internalUserOf(req);
      return {
        body: await linkRegistrationToDeal(ctx, {
          tenantId: principal.tenantId,
          actorUserId: actingUserOf(principal, body.actingUserId),
          registrationId: params.registrationId,
          dealId: body.dealId,
          ...(body.reason ? { reason: body.reason } : {}),
        }),
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/policies/current',
    summary: 'The rules of engagement in force, with their version (internal)',
    tags: ['governance'],
    before: [requireInternalUser(ctx)],
    openapi: bearerSecurity,
    responses: { 200: { description: 'The current policy', schema: z.record(z.string(), z.unknown()) } },
    handler: async ({ req }) => {
      const { tenantId } = internalUserOf(req);
      return { body: await ctx.store.forTenant(tenantId).policies.current(ctx.now()) };
    },
  }),
  defineRoute({
    method: 'post',
    idempotent: true,
    path: '/api/v1/policies/simulations',
    summary:
      'Replay history under a candidate policy (admin; nothing changes). The server records the simulation: publishing that exact text needs it',
    tags: ['governance'],
    body: z
      .object({ source: z.string().min(1).max(200_000) })
      .strict()
      .meta({ id: 'SimulatePolicyRequest' }),
    before: [requireAdmin(ctx)],
    openapi: bearerSecurity,
    responses: {
      201: {
        description: 'The simulation: what would have changed, and until when it opens the publish gate',
        schema: z.object({
          simulationId: z.string(),
          simulatedAt: z.string(),
          validUntil: z.string(),
          report: z.record(z.string(), z.unknown()),
        }),
      },
      422: { description: 'POLICY.INVALID with each problem' },
    },
    handler: async ({ body, req }) => {
      const principal = internalUserOf(req);
      return {
        status: 201,
        body: await simulatePolicyForPublish(ctx, {
          tenantId: principal.tenantId,
          userId: principal.userId,
          source: body.source,
        }),
      };
    },
  }),
  defineRoute({
    method: 'post',
    idempotent: true,
    path: '/api/v1/policies',
    summary:
      'Publish a new policy version from YAML or JSON text (admin; audited). Gated: the same text must have been simulated in the last 24 hours, by the publisher or another admin',
    tags: ['governance'],
    body: z
      .object({
        source: z.string().min(1).max(200_000),
        /** The simulation to publish behind; without it, the latest qualifying simulation of this text. */
        simulationId: z.string().min(1).max(64).optional(),
      })
      .strict()
      .meta({ id: 'PublishPolicyRequest' }),
    before: [requireAdmin(ctx)],
    openapi: bearerSecurity,
    responses: {
      201: {
        description: 'The published version, and the simulation it was published behind',
        schema: z.object({ version: z.number(), publishedAt: z.string(), simulationId: z.string() }),
      },
      409: {
        description:
          'POLICY.SIMULATION_REQUIRED (details.gate = simulate_before_publish): no simulation of this exact text in the last 24 hours by the publisher or another admin',
      },
      422: { description: 'POLICY.INVALID with each problem' },
    },
    handler: async ({ body, req }) => {
      const principal = internalUserOf(req);
      return {
        status: 201,
        body: await publishSimulatedPolicy(ctx, {
          tenantId: principal.tenantId,
          userId: principal.userId,
          source: body.source,
          ...(body.simulationId ? { simulationId: body.simulationId } : {}),
        }),
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/audit/verify',
    summary: "Re-check the tenant's hash-chained audit log; names the first bad entry (internal)",
    tags: ['governance'],
    before: [requireInternalUser(ctx)],
    openapi: bearerSecurity,
    responses: {
      200: {
        description: 'ok, or the first entry that does not hold',
        schema: z.object({
          tenantId: z.string(),
          ok: z.boolean(),
          entries: z.number(),
          headHash: z.string().optional(),
          firstBadSeq: z.number().optional(),
          problem: z.string().optional(),
        }),
      },
    },
    handler: async ({ req }) => ({
      body: await ctx.store.forTenant(internalUserOf(req).tenantId).audit.verify(),
    }),
  }),
  // Issuing, listing and rotating a partner's keys: routes/partners.ts (one-time links).
  defineRoute({
    method: 'delete',
    path: '/api/v1/api-keys/:keyId',
    summary: 'Revoke an API key (admin); it stops working at once, and its pending one-time link goes too',
    tags: ['governance'],
    params: z.object({ keyId: z.string().min(1).max(64) }),
    before: [requireAdmin(ctx)],
    openapi: bearerSecurity,
    responses: { 204: { description: 'Revoked' } },
    handler: async ({ params, req }) => {
      const { tenantId } = internalUserOf(req);
      if (!(await ctx.store.forTenant(tenantId).apiKeys.revoke(params.keyId, ctx.now())))
        throw CommonErrors.notFound(`API key ${params.keyId}`);
      return { status: 204 };
    },
  }),
];
