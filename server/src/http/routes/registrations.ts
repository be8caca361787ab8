import { z } from 'zod';
import { calendarDateSchema, registrationCustomerSchema } from '@entente/shared/domain';
import { CommonErrors } from '@entente/shared/errors';
import type { AppContext } from '../../appContext.js';
import { partnerView } from '../../use-cases/governance/registrationViews.js';
import { registerDeal } from '../../use-cases/registerDeal.js';
import { requestExtension } from '../../use-cases/requestExtension.js';
import { resubmitRegistration } from '../../use-cases/resubmitRegistration.js';
import { withdrawRegistration } from '../../use-cases/withdrawRegistration.js';
import { bearerSecurity, partnerOf, requirePartner } from '../auth/index.js';
import { defineRoute } from '../route.js';

/** At most four required fields: the customer's name or domain, plus what the policy asks for. */
const registerBody = z
  .object({
    customer: registrationCustomerSchema,
    amountMinor: z.number().int().nonnegative().optional(),
    expectedCloseDate: calendarDateSchema
      .optional()
      .meta({ description: 'YYYY-MM-DD, between a year before and ten years after the submission' }),
    notes: z.string().max(4000).optional(),
    /** The session POST /api/v1/intake-sessions opened, when the partner's form opened one. */
    intakeSessionId: z.string().min(1).max(64).optional(),
  })
  .strict()
  .meta({ id: 'RegisterDealRequest' });

/** A conflict told to the registering partner: nothing of another partner, account or internal user. */
const conflictView = z
  .object({
    kind: z.string(),
    severity: z.enum(['info', 'warning', 'blocking']),
    summary: z.string().meta({ description: 'Names no other partner, account, deal or internal user' }),
    evidence: z.array(
      z.object({
        type: z.enum(['registration', 'deal', 'account']),
        id: z.string().optional().meta({ description: 'Only for your own earlier registrations' }),
        scoreBand: z.enum(['high', 'medium', 'low']).meta({
          description:
            'How strongly the record matched what you registered: high (0.9 or more), medium (0.5 or more), low',
        }),
        decision: z.enum(['match', 'possible', 'no']),
        reasons: z.array(z.string()).meta({ description: 'Each quotes only a value you gave' }),
      }),
    ),
  })
  .meta({ id: 'PartnerConflict' });

export const partnerRegistrationSchema = z
  .object({
    id: z.string(),
    status: z.string(),
    customer: registrationCustomerSchema,
    amountMinor: z.number().nullable(),
    currency: z.string().nullable(),
    expectedCloseDate: z.string().nullable(),
    submittedAt: z.string(),
    decidedAt: z.string().nullable(),
    protectedUntil: z.string().nullable(),
    reviewDueAt: z.string().nullable(),
    extensionsUsed: z.number(),
    policyVersion: z.number().nullable(),
    reasons: z.array(z.object({ ruleId: z.string(), reason: z.string() })),
    conflicts: z.array(conflictView),
    wantedFields: z.array(
      z.object({
        field: z.string(),
        ruleId: z.string().meta({ description: 'The rule that could not judge without the field' }),
        reason: z.string(),
      }),
    ),
  })
  .meta({
    id: 'PartnerRegistration',
    description:
      'Your registration as you gave it, its status, clocks, the rules that fired and the conflicts, told without naming anyone else (docs/governance.md, "What a partner sees")',
  });

const idParams = z.object({ registrationId: z.string().min(1).max(128) });

/** Only the fields the registration was asked for; which those are is the registration's `wantedFields`. */
const resubmitBody = z
  .object({
    customer: registrationCustomerSchema.optional(),
    amountMinor: z.number().int().nonnegative().optional(),
    expectedCloseDate: calendarDateSchema.optional(),
    notes: z.string().max(4000).optional(),
  })
  .strict()
  .meta({ id: 'ResubmitRegistrationRequest' });

/** The partner-facing registration API: partners see their own registrations and nobody else's. */
export const registrationRoutes = (ctx: AppContext) => [
  defineRoute({
    method: 'post',
    idempotent: true,
    path: '/api/v1/registrations',
    summary: 'Register a deal (partner). Decided at once, or sent to a neutral reviewer with a due time',
    tags: ['registrations'],
    body: registerBody,
    before: [requirePartner(ctx)],
    openapi: bearerSecurity,
    responses: {
      201: {
        description: 'The registration, its status, clocks, reasons and conflicts',
        schema: partnerRegistrationSchema,
      },
      400: {
        description:
          'REQUEST.INVALID (the body does not fit the schema) or REQUEST.INVALID_TEXT (U+0000, an unpaired surrogate)',
      },
      422: {
        description:
          'REGISTRATION.MISSING_FIELDS (a required field is missing), REGISTRATION.INVALID_FIELDS (a blank name, a domain that is not registrable, an implausible e-mail, phone or close date; details.invalid names each field) or REQUEST.IDEMPOTENCY_MISMATCH (the Idempotency-Key was used with another body)',
      },
    },
    handler: async ({ body, req }) => {
      const partner = partnerOf(req);
      return {
        status: 201,
        body: await registerDeal(ctx, {
          tenantId: partner.tenantId,
          partnerId: partner.partnerId,
          values: {
            customer: body.customer,
            ...(body.amountMinor !== undefined ? { amountMinor: body.amountMinor } : {}),
            ...(body.expectedCloseDate !== undefined ? { expectedCloseDate: body.expectedCloseDate } : {}),
            ...(body.notes !== undefined ? { notes: body.notes } : {}),
          },
          ...(body.intakeSessionId ? { intakeSessionId: body.intakeSessionId } : {}),
        }),
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/registrations',
    summary: "The calling partner's registrations",
    tags: ['registrations'],
    before: [requirePartner(ctx)],
    openapi: bearerSecurity,
    responses: {
      200: {
        description: 'Registrations',
        schema: z.object({ registrations: z.array(partnerRegistrationSchema) }),
      },
    },
    handler: async ({ req }) => {
      const partner = partnerOf(req);
      const scoped = ctx.store.forTenant(partner.tenantId);
      const registrations = await scoped.registrations.listByPartner(partner.partnerId);
      return {
        body: {
          registrations: await Promise.all(
            registrations.map(async (r) => partnerView(r, await scoped.governance.get(r.id))),
          ),
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/registrations/:registrationId',
    summary: 'One of the calling partner’s registrations: status, clocks, reasons, conflicts',
    tags: ['registrations'],
    params: idParams,
    before: [requirePartner(ctx)],
    openapi: bearerSecurity,
    responses: {
      200: { description: 'The registration', schema: partnerRegistrationSchema },
      404: { description: 'Not yours or not found' },
    },
    handler: async ({ params, req }) => {
      const partner = partnerOf(req);
      const scoped = ctx.store.forTenant(partner.tenantId);
      const registration = await scoped.registrations.get(params.registrationId);
      if (!registration || registration.partnerId !== partner.partnerId)
        throw CommonErrors.notFound(`Registration ${params.registrationId}`);
      return { body: partnerView(registration, await scoped.governance.get(registration.id)) };
    },
  }),
  defineRoute({
    method: 'post',
    idempotent: true,
    path: '/api/v1/registrations/:registrationId/withdraw',
    summary: 'Withdraw a registration before it is decided (partner)',
    tags: ['registrations'],
    params: idParams,
    before: [requirePartner(ctx)],
    openapi: bearerSecurity,
    responses: {
      200: { description: 'Withdrawn', schema: partnerRegistrationSchema },
      409: { description: 'REGISTRATION.ILLEGAL_TRANSITION: already decided' },
    },
    handler: async ({ params, req }) => {
      const partner = partnerOf(req);
      return {
        body: await withdrawRegistration(ctx, { ...partner, registrationId: params.registrationId }),
      };
    },
  }),
  defineRoute({
    method: 'patch',
    idempotent: true,
    path: '/api/v1/registrations/:registrationId',
    summary:
      'Supply the fields a registration was asked for (partner; progressive profiling). It is judged again under the policy in force, keeps its place in first-to-register order, and a review restarts its clock',
    tags: ['registrations'],
    params: idParams,
    body: resubmitBody,
    before: [requirePartner(ctx)],
    openapi: bearerSecurity,
    responses: {
      200: { description: 'The registration as judged again', schema: partnerRegistrationSchema },
      400: {
        description:
          'REGISTRATION.FIELDS_NOT_REQUESTED (a field that was not asked for, or none; details.wanted names what was, with rule ids) or REQUEST.INVALID',
      },
      404: { description: 'Not yours or not found' },
      409: { description: 'REGISTRATION.NOT_AWAITING_INFO: the registration is not waiting for information' },
      422: { description: 'REGISTRATION.INVALID_FIELDS: an implausible value' },
    },
    handler: async ({ params, body, req }) => {
      const partner = partnerOf(req);
      return {
        body: await resubmitRegistration(ctx, {
          ...partner,
          registrationId: params.registrationId,
          values: body,
        }),
      };
    },
  }),
  defineRoute({
    method: 'post',
    idempotent: true,
    path: '/api/v1/registrations/:registrationId/extensions',
    summary: 'Ask to extend the protection window, within the policy’s limits (partner)',
    tags: ['registrations'],
    params: idParams,
    before: [requirePartner(ctx)],
    openapi: bearerSecurity,
    responses: {
      200: { description: 'Extended', schema: partnerRegistrationSchema },
      409: { description: 'REGISTRATION.EXTENSION_NOT_ALLOWED or REGISTRATION.ILLEGAL_TRANSITION' },
    },
    handler: async ({ params, req }) => {
      const partner = partnerOf(req);
      return {
        body: await requestExtension(ctx, { ...partner, registrationId: params.registrationId }),
      };
    },
  }),
];
