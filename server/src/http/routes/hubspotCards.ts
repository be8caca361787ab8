import { z } from 'zod';
import { disputeRemedySchema } from '@entente/shared/attribution';
import { partnerMotionSchema, userRoleSchema } from '@entente/shared/domain';
import {
  addPartnerFromCard,
  getSettingsPeople,
  issueOwnApiKeyFromCard,
  issuePartnerKeyFromCard,
  setRolesFromCard,
} from '../../use-cases/cards/settingsPeople.js';
import type { AppContext } from '../../appContext.js';
import { type CardCaller, resolveCardCaller } from '../../use-cases/cards/cardRequest.js';
import { cardSigningSecret } from '../../config/cardSigning.js';
import { confirmOverrideFromCard, decideFromCard } from '../../use-cases/cards/decideFromCard.js';
import { decideDisputeFromCard, disputeFromCard } from '../../use-cases/cards/disputeFromCard.js';
import { getCompanyCard } from '../../use-cases/cards/getCompanyCard.js';
import { getDealCard } from '../../use-cases/cards/getDealCard.js';
import { getReviewCard } from '../../use-cases/cards/getReviewCard.js';
import {
  getFieldMappingFromCard,
  previewFieldMappingFromCard,
  saveFieldMappingFromCard,
} from '../../use-cases/cards/fieldMappingFromCard.js';
import { fieldMappingSchema } from '../../crm/hubspot/fieldMapping.js';
import {
  getPolicyDiff,
  getSettingsCard,
  publishPolicyFromCard,
  simulatePolicyFromCard,
} from '../../use-cases/cards/settingsCard.js';
import { requireHubSpotSignature } from '../hubspotSignature.js';
import { defineRoute } from '../route.js';

/**
 * HubSpot signs every hubspot.fetch with the app's client secret (signature v3, the same check as
 * webhooks) and puts portalId, userId and userEmail inside the signed URL, so once the signature
 * holds those are trusted. Nothing else in the request is: record ids are checked per tenant.
 */
const verifyCardSignature = (ctx: AppContext) =>
  requireHubSpotSignature(ctx, {
    codePrefix: 'CARDS',
    what: 'card requests',
    secret: () => cardSigningSecret(ctx.config),
    emptyBodyAllowed: true,
  });

const signedQuery = z.object({
  portalId: z.string().regex(/^\d{1,20}$/),
  userId: z.string().regex(/^\d{1,20}$/),
  userEmail: z.string().max(320).optional(),
  appId: z.string().max(20).optional(),
});
type SignedQuery = z.infer<typeof signedQuery>;
const recordId = z.string().min(1).max(128);
const cardBody = z.record(z.string(), z.unknown());
const signedHeaders = {
  requestParams: {
    header: z.object({ 'x-hubspot-signature-v3': z.string(), 'x-hubspot-request-timestamp': z.string() }),
  },
};
const refused = {
  401: { description: 'Unsigned, forged or stale (CARDS.SIGNATURE_*)' },
  404: { description: 'Unknown portal, or a record that is not in this portal' },
};

const callerOf = (ctx: AppContext, query: SignedQuery): Promise<CardCaller> =>
  resolveCardCaller(ctx, { portalId: query.portalId, userId: query.userId, userEmail: query.userEmail });

/** The endpoints behind the HubSpot cards: signed by HubSpot, scoped to the portal's tenant. */
export const hubspotCardRoutes = (ctx: AppContext) => {
  const before = [verifyCardSignature(ctx)];
  const common = { tags: ['hubspot-cards'], before, openapi: signedHeaders, query: signedQuery };
  return [
    defineRoute({
      ...common,
      method: 'get',
      path: '/hubspot/cards/deals/:dealId',
      summary:
        'Everything the partner deal card shows: partners and roles, registrations and clocks, conflicts, attribution, sync health',
      params: z.object({ dealId: recordId }),
      responses: { 200: { description: 'The deal card payload', schema: cardBody }, ...refused },
      handler: async ({ params, query }) => ({
        body: await getDealCard(ctx, await callerOf(ctx, query), params.dealId),
      }),
    }),
    defineRoute({
      ...common,
      method: 'post',
      path: '/hubspot/cards/deals/:dealId/disputes',
      summary:
        "Dispute a participant's split on a finalised deal, as the signed HubSpot user, optionally naming the remedy (a split or another model) that upholding it would apply",
      params: z.object({ dealId: recordId }),
      body: z
        .object({
          participantId: z.string().min(1).max(128),
          reason: z.string().trim().min(1).max(4000),
          remedy: disputeRemedySchema.optional(),
        })
        .strict(),
      responses: { 201: { description: 'The dispute and its deadline', schema: cardBody }, ...refused },
      handler: async ({ params, query, body }) => ({
        status: 201,
        body: await disputeFromCard(ctx, await callerOf(ctx, query), params.dealId, body),
      }),
    }),
    defineRoute({
      ...common,
      method: 'post',
      path: '/hubspot/cards/deals/:dealId/disputes/:disputeId/decision',
      summary:
        'Take a dispute into review, uphold it (its remedy becomes the deal’s next attribution revision, audited and written to HubSpot) or reject it, from the review card, as the signed HubSpot user',
      params: z.object({ dealId: recordId, disputeId: recordId }),
      body: z
        .object({
          action: z.enum(['start_review', 'uphold', 'reject']),
          reason: z.string().trim().min(1).max(4000),
          remedy: disputeRemedySchema.optional().meta({
            description:
              'Only when upholding a dispute that names no remedy: a split `{kind: "split", shares}` or a model `{kind: "model", model}`',
          }),
        })
        // Strict, like every card action: the person deciding is the signed user, never a field.
        .strict(),
      responses: {
        200: {
          description:
            'The dispute after the decision, the new split when upheld, and a message for the card',
          schema: cardBody,
        },
        400: { description: 'REQUEST.INVALID: a remedy that does not parse, or a remedy when not upholding' },
        403: {
          description:
            'GOVERNANCE.NOT_NEUTRAL (a stake in the deal’s credit, named), AUTH.FORBIDDEN (not a partner manager, deal desk member or admin), CARDS.USER_NOT_LINKED',
        },
        409: {
          description:
            'DISPUTE.ILLEGAL_TRANSITION (not in a state or time that allows it), DISPUTE.REMEDY_ALREADY_NAMED (the dispute names its own remedy)',
        },
        422: {
          description:
            'DISPUTE.REMEDY_REQUIRED (upholding a dispute that names no remedy), DISPUTE.REMEDY_INVALID',
        },
        ...refused,
      },
      handler: async ({ params, query, body }) => ({
        body: await decideDisputeFromCard(
          ctx,
          await callerOf(ctx, query),
          params.dealId,
          params.disputeId,
          body,
        ),
      }),
    }),
    defineRoute({
      ...common,
      method: 'get',
      path: '/hubspot/cards/deals/:dealId/registrations',
      summary: 'Registrations to review on a deal, with evidence and the viewer’s neutrality',
      params: z.object({ dealId: recordId }),
      responses: { 200: { description: 'The review card payload', schema: cardBody }, ...refused },
      handler: async ({ params, query }) => ({
        body: await getReviewCard(ctx, await callerOf(ctx, query), 'deals', params.dealId),
      }),
    }),
    defineRoute({
      ...common,
      method: 'get',
      path: '/hubspot/cards/companies/:companyId/registrations',
      summary: 'Registrations to review on a company, with evidence and the viewer’s neutrality',
      params: z.object({ companyId: recordId }),
      responses: { 200: { description: 'The review card payload', schema: cardBody }, ...refused },
      handler: async ({ params, query }) => ({
        body: await getReviewCard(ctx, await callerOf(ctx, query), 'companies', params.companyId),
      }),
    }),
    defineRoute({
      ...common,
      method: 'get',
      path: '/hubspot/cards/companies/:companyId',
      summary:
        'The company partner overview: active partners, registration history, open conflicts, attributed pipeline',
      params: z.object({ companyId: recordId }),
      responses: { 200: { description: 'The company card payload', schema: cardBody }, ...refused },
      handler: async ({ params, query }) => ({
        body: await getCompanyCard(ctx, await callerOf(ctx, query), params.companyId),
      }),
    }),
    defineRoute({
      ...common,
      method: 'post',
      path: '/hubspot/cards/registrations/:registrationId/decision',
      summary:
        'Approve, reject or request info from the card. Against an automatic decision this only proposes the override, which a second neutral person confirms',
      params: z.object({ registrationId: recordId }),
      body: z
        .object({
          outcome: z.enum(['approve', 'reject', 'request_info']),
          reason: z.string().min(1).max(4000),
          /** Optional: link the registration to this deal while deciding. Older cards omit it. */
          dealId: z.string().min(1).max(128).optional(),
        })
        // Strict, so a card that still names a second approver is refused instead of half-obeyed.
        .strict(),
      responses: {
        200: {
          description: 'The decision (or the proposed override) as the card confirms it',
          schema: cardBody,
        },
        400: { description: 'REQUEST.INVALID: an override reason under 10 characters, an unknown field' },
        403: { description: 'GOVERNANCE.NOT_NEUTRAL, AUTH.FORBIDDEN, CARDS.USER_NOT_LINKED' },
        409: { description: 'REGISTRATION.ILLEGAL_TRANSITION, REGISTRATION.DECIDED_CONCURRENTLY' },
        ...refused,
      },
      handler: async ({ params, query, body }) => ({
        body: await decideFromCard(ctx, await callerOf(ctx, query), params.registrationId, body),
      }),
    }),
    defineRoute({
      ...common,
      method: 'post',
      path: '/hubspot/cards/registrations/:registrationId/override-confirmation',
      summary:
        'The second person confirms or declines an override someone else proposed, from their own card (four eyes)',
      params: z.object({ registrationId: recordId }),
      body: z
        .object({ decision: z.enum(['confirm', 'decline']), reason: z.string().min(1).max(4000) })
        .strict(),
      responses: {
        200: { description: 'The override confirmed or declined, as the card confirms it', schema: cardBody },
        403: {
          description:
            'GOVERNANCE.SAME_APPROVER (the proposer), GOVERNANCE.NOT_NEUTRAL, AUTH.FORBIDDEN, CARDS.USER_NOT_LINKED',
        },
        409: {
          description:
            'GOVERNANCE.OVERRIDE_LAPSED (past its due time), REGISTRATION.ILLEGAL_TRANSITION (nothing pending), REGISTRATION.DECIDED_CONCURRENTLY',
        },
        ...refused,
      },
      handler: async ({ params, query, body }) => ({
        body: await confirmOverrideFromCard(ctx, await callerOf(ctx, query), params.registrationId, body),
      }),
    }),
    defineRoute({
      ...common,
      method: 'get',
      path: '/hubspot/cards/settings',
      summary: 'Admin settings page: rules-of-engagement versions, field mapping, attribution model',
      responses: {
        200: { description: 'The settings payload', schema: cardBody },
        403: { description: 'CARDS.ADMIN_ONLY' },
        ...refused,
      },
      handler: async ({ query }) => ({ body: await getSettingsCard(ctx, await callerOf(ctx, query)) }),
    }),
    defineRoute({
      ...common,
      method: 'get',
      path: '/hubspot/cards/settings/policy/diff',
      summary: 'Line diff between two published policy versions (admin)',
      query: signedQuery.extend({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) }),
      responses: { 200: { description: 'The diff', schema: cardBody }, ...refused },
      handler: async ({ query }) => ({
        body: await getPolicyDiff(ctx, await callerOf(ctx, query), query.from, query.to),
      }),
    }),
    defineRoute({
      ...common,
      method: 'post',
      path: '/hubspot/cards/settings/policy/simulate',
      summary:
        'Replay history under a candidate policy and summarise what would change (admin; writes nothing)',
      body: z.object({ source: z.string().min(1).max(200_000) }).strict(),
      responses: {
        200: { description: 'The simulation summary', schema: cardBody },
        422: { description: 'POLICY.INVALID' },
        ...refused,
      },
      handler: async ({ query, body }) => ({
        body: await simulatePolicyFromCard(ctx, await callerOf(ctx, query), body.source),
      }),
    }),
    defineRoute({
      ...common,
      method: 'post',
      path: '/hubspot/cards/settings/policy',
      summary: 'Publish a simulated policy as the next version (admin; audited)',
      body: z
        .object({ source: z.string().min(1).max(200_000), simulationId: z.string().min(1).max(64) })
        .strict(),
      responses: {
        201: { description: 'The published version', schema: cardBody },
        409: { description: 'POLICY.SIMULATION_REQUIRED' },
        ...refused,
      },
      handler: async ({ query, body }) => ({
        status: 201,
        body: await publishPolicyFromCard(ctx, await callerOf(ctx, query), body),
      }),
    }),
    defineRoute({
      ...common,
      method: 'get',
      path: '/hubspot/cards/settings/field-mapping',
      summary: 'The field mapping in force, the property types each field accepts, and its versions (admin)',
      responses: {
        200: { description: 'The current mapping and its history', schema: cardBody },
        403: { description: 'CARDS.ADMIN_ONLY' },
        ...refused,
      },
      handler: async ({ query }) => ({
        body: await getFieldMappingFromCard(ctx, await callerOf(ctx, query)),
      }),
    }),
    defineRoute({
      ...common,
      method: 'post',
      path: '/hubspot/cards/settings/field-mapping/preview',
      summary:
        'Read five deals, companies and contacts with a candidate field mapping (admin; checked against HubSpot; stores nothing)',
      body: fieldMappingSchema,
      responses: {
        200: { description: 'The records as the mapping would read them', schema: cardBody },
        400: {
          description: 'CRM.MAPPING_INVALID: a missing property, or one of a type the field does not take',
        },
        403: { description: 'CARDS.ADMIN_ONLY' },
        ...refused,
      },
      handler: async ({ query, body }) => ({
        body: await previewFieldMappingFromCard(ctx, await callerOf(ctx, query), body),
      }),
    }),
    defineRoute({
      ...common,
      method: 'put',
      path: '/hubspot/cards/settings/field-mapping',
      summary: 'Save the field mapping as the next version (admin; checked against HubSpot; audited)',
      body: fieldMappingSchema,
      responses: {
        200: { description: 'The version now in force, and the history', schema: cardBody },
        400: {
          description: 'CRM.MAPPING_INVALID: a missing property, or one of a type the field does not take',
        },
        403: { description: 'CARDS.ADMIN_ONLY' },
        ...refused,
      },
      handler: async ({ query, body }) => ({
        body: await saveFieldMappingFromCard(ctx, await callerOf(ctx, query), body),
      }),
    }),
    defineRoute({
      ...common,
      method: 'get',
      path: '/hubspot/cards/settings/people',
      summary: 'Settings page: the users with their roles, and the partners with their keys (admin)',
      responses: { 200: { description: 'Users and partners', schema: cardBody }, ...refused },
      handler: async ({ query }) => ({ body: await getSettingsPeople(ctx, await callerOf(ctx, query)) }),
    }),
    defineRoute({
      ...common,
      method: 'put',
      path: '/hubspot/cards/settings/users/:userId/roles',
      summary: "Set a user's Entente roles (admin; audited; the last admin stays an admin)",
      params: z.object({ userId: z.string().min(1).max(128) }),
      body: z.object({ roles: z.array(userRoleSchema).min(1).max(5) }).strict(),
      responses: {
        200: { description: 'The user with the new roles', schema: cardBody },
        409: { description: 'ROLES.LAST_ADMIN' },
        ...refused,
      },
      handler: async ({ params, query, body }) => ({
        body: await setRolesFromCard(ctx, await callerOf(ctx, query), params.userId, body.roles),
      }),
    }),
    defineRoute({
      ...common,
      method: 'post',
      path: '/hubspot/cards/settings/partners',
      summary: 'Add a partner to the program (admin; audited)',
      body: z
        .object({
          name: z.string().min(1).max(300),
          domains: z.array(z.string().min(1).max(253)).max(20),
          motions: z.array(partnerMotionSchema).min(1).max(5),
          tier: z.string().min(1).max(100),
        })
        .strict(),
      responses: {
        201: { description: 'The partner', schema: cardBody },
        409: { description: 'PARTNERS.DUPLICATE' },
        422: { description: 'PARTNERS.INVALID_FIELDS' },
        ...refused,
      },
      handler: async ({ query, body }) => ({
        status: 201,
        body: await addPartnerFromCard(ctx, await callerOf(ctx, query), body),
      }),
    }),
    defineRoute({
      ...common,
      method: 'post',
      path: '/hubspot/cards/settings/partners/:partnerId/keys',
      summary: 'Issue a named key for a partner, shown once through a one-time link (admin; audited)',
      params: z.object({ partnerId: z.string().min(1).max(128) }),
      body: z.object({ name: z.string().trim().min(1).max(100) }).strict(),
      responses: {
        201: { description: 'The one-time link to the key, and when it expires', schema: cardBody },
        409: { description: 'KEYS.NAME_TAKEN, PARTNERS.INACTIVE' },
        ...refused,
      },
      handler: async ({ params, query, body }) => ({
        status: 201,
        headers: { 'cache-control': 'no-store' },
        body: await issuePartnerKeyFromCard(ctx, await callerOf(ctx, query), params.partnerId, body.name),
      }),
    }),
    defineRoute({
      ...common,
      method: 'post',
      path: '/hubspot/cards/settings/api-key',
      summary:
        "The admin's own key for the internal API, shown once through a one-time link (admin; audited)",
      body: z.object({ name: z.string().trim().min(1).max(100) }).strict(),
      responses: {
        201: { description: 'The one-time link to the key, and when it expires', schema: cardBody },
        ...refused,
      },
      handler: async ({ query, body }) => ({
        status: 201,
        headers: { 'cache-control': 'no-store' },
        body: await issueOwnApiKeyFromCard(ctx, await callerOf(ctx, query), body.name),
      }),
    }),
  ];
};
