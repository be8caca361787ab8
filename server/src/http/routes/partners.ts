import { z } from 'zod';
import { isoDateTimeSchema, partnerMotionSchema } from '@entente/shared/domain';
import { CommonErrors } from '@entente/shared/errors';
import type { AppContext } from '../../appContext.js';
import { addPartner } from '../../use-cases/addPartner.js';
import { issuePartnerKey, listPartnerKeys, rotatePartnerKey } from '../../use-cases/issuePartnerKey.js';
import type { PartnerActor } from '../../use-cases/partners/partnerManagers.js';
import { listPartnerProfiles } from '../../use-cases/partners/partnerProfiles.js';
import { updatePartner } from '../../use-cases/updatePartner.js';
import { viewKeyLink } from '../../use-cases/viewKeyLink.js';
import {
  actingUserOf,
  bearerSecurity,
  internalUserOf,
  requireInternalUser,
  type InternalPrincipal,
} from '../auth/index.js';
import { defineRoute } from '../route.js';

const text = (max: number) => z.string().min(1).max(max);
const list = (maxItems: number, maxLength: number) => z.array(text(maxLength)).max(maxItems);

const contactSchema = z
  .object({
    name: text(200),
    email: text(320).meta({ description: 'A plausible address (name@company.com); checked, 422 if not' }),
    role: text(100).meta({ description: 'What they are the contact for, e.g. "Alliance lead", "Billing"' }),
  })
  .strict()
  .meta({ id: 'PartnerContact' });

const actingUserId = z
  .string()
  .min(1)
  .max(128)
  .optional()
  .meta({ description: 'Admin tokens act for a CRM surface: they name the admin or partner manager acting' });

const fields = {
  name: text(200).meta({ description: 'Unique in the tenant (case, accents and spacing aside)' }),
  domains: z.array(text(253)).max(20).meta({
    description: 'Registrable domains (acme.com; a URL or www. is reduced to it), unique in the tenant',
  }),
  motions: z.array(partnerMotionSchema).min(1).max(5),
  tier: z.string().trim().min(1).max(64),
  regions: list(50, 100),
  certifications: list(100, 200).meta({ description: "The partner's certifications (its capabilities)" }),
  specialisations: list(100, 200),
  industries: list(100, 200),
  contacts: z.array(contactSchema).max(50),
  managerUserId: z.string().min(1).max(128).nullable().meta({
    description: 'The internal partner manager who looks after the partner (a stake in its claims)',
  }),
};

const joinedAt = isoDateTimeSchema.meta({
  description:
    'When the partner joined the program (default: now); activation and time to first deal count from it',
});

const addPartnerBody = z
  .object({
    ...fields,
    domains: fields.domains.default([]),
    regions: fields.regions.default([]),
    certifications: fields.certifications.default([]),
    specialisations: fields.specialisations.optional(),
    industries: fields.industries.optional(),
    contacts: fields.contacts.default([]),
    managerUserId: fields.managerUserId.optional(),
    joinedAt: joinedAt.optional(),
    actingUserId,
  })
  .strict()
  .meta({ id: 'AddPartnerRequest' });

const updatePartnerBody = z
  .object({
    name: fields.name.optional(),
    domains: fields.domains.optional(),
    motions: fields.motions.optional(),
    tier: fields.tier.optional(),
    regions: fields.regions.optional(),
    certifications: fields.certifications.optional(),
    specialisations: fields.specialisations.optional(),
    industries: fields.industries.optional(),
    contacts: fields.contacts.optional(),
    managerUserId: fields.managerUserId.optional(),
    active: z.boolean().optional(),
    joinedAt: joinedAt.optional(),
    actingUserId,
  })
  .strict()
  .refine((body) => Object.keys(body).some((key) => key !== 'actingUserId'), {
    message: 'Send at least one field to change',
  })
  .meta({ id: 'UpdatePartnerRequest' });

const partnerSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    domains: z.array(z.string()),
    tier: z.string(),
    motions: z.array(partnerMotionSchema),
    regions: z.array(z.string()),
    certifications: z.array(z.string()),
    specialisations: z.array(z.string()),
    industries: z.array(z.string()),
    contacts: z.array(contactSchema),
    managerUserId: z.string().nullable(),
    active: z.boolean(),
    joinedAt: z.string().nullable(),
  })
  .meta({ id: 'PartnerProfile' });

const issuedKeySchema = z
  .object({
    keyId: z.string(),
    name: z.string(),
    partnerId: z.string(),
    link: z.string().meta({
      description: 'GET it once, within 24 hours, to see the key: `${PUBLIC_URL}/api/v1/key-links/{token}`',
    }),
    expiresAt: z.string(),
  })
  .meta({ id: 'IssuedPartnerKey' });

const keyNameBody = z
  .object({
    name: text(100).meta({
      description: 'Unique among the partner’s working keys, e.g. "production", "staging"',
    }),
    actingUserId,
  })
  .strict()
  .meta({ id: 'IssuePartnerKeyRequest' });

const partnerParams = z.object({ partnerId: z.string().min(1).max(128) });

/** The answer with a link (or a key) in it must not be kept by a browser or a proxy. */
const noStore = { 'Cache-Control': 'no-store', Pragma: 'no-cache', 'Referrer-Policy': 'no-referrer' };

const actorOf = (principal: InternalPrincipal, requested: string | undefined): PartnerActor => {
  const userId = actingUserOf(principal, requested);
  return { userId, adminKey: principal.role === 'admin' && userId === principal.userId };
};

const forbidden = { description: 'PARTNERS.FORBIDDEN: not an admin or partner manager' };

/** Partners of the program (internal) and their keys, handed over through one-time links. */
export const partnerRoutes = (ctx: AppContext) => [
  defineRoute({
    method: 'get',
    path: '/api/v1/partners',
    summary: "The tenant's partners with their domains, capabilities, contacts and joining date (internal)",
    tags: ['partners'],
    before: [requireInternalUser(ctx)],
    openapi: bearerSecurity,
    responses: {
      200: { description: 'The partners, by name', schema: z.object({ partners: z.array(partnerSchema) }) },
    },
    handler: async ({ req }) => ({
      body: { partners: await listPartnerProfiles(ctx.store.forTenant(internalUserOf(req).tenantId)) },
    }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/partners/:partnerId',
    summary: 'One partner with its domains, capabilities, contacts and joining date (internal)',
    tags: ['partners'],
    params: partnerParams,
    before: [requireInternalUser(ctx)],
    openapi: bearerSecurity,
    responses: {
      200: { description: 'The partner', schema: partnerSchema },
      404: { description: 'No such partner in this tenant' },
    },
    handler: async ({ params, req }) => {
      const tenant = ctx.store.forTenant(internalUserOf(req).tenantId);
      const partner = (await listPartnerProfiles(tenant)).find((p) => p.id === params.partnerId);
      if (!partner) throw CommonErrors.notFound(`Partner ${params.partnerId}`);
      return { body: partner };
    },
  }),
  defineRoute({
    method: 'post',
    idempotent: true,
    path: '/api/v1/partners',
    summary: 'Add a partner to the program (admins and partner managers; audited as partner.added)',
    tags: ['partners'],
    body: addPartnerBody,
    before: [requireInternalUser(ctx)],
    openapi: bearerSecurity,
    responses: {
      201: { description: 'The partner as stored', schema: partnerSchema },
      400: { description: 'REQUEST.INVALID (the body does not fit) or REQUEST.INVALID_TEXT (U+0000, ...)' },
      403: forbidden,
      409: { description: 'PARTNERS.DUPLICATE: another partner has the name or a domain (details name it)' },
      422: { description: 'PARTNERS.INVALID_FIELDS: a domain, e-mail or manager that cannot be right' },
    },
    handler: async ({ body, req }) => {
      const principal = internalUserOf(req);
      const { actingUserId: requested, joinedAt: joined, ...partner } = body;
      return {
        status: 201,
        body: await addPartner(ctx, {
          tenantId: principal.tenantId,
          actor: actorOf(principal, requested),
          partner,
          ...(joined ? { joinedAt: joined } : {}),
        }),
      };
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/v1/partners/:partnerId',
    summary:
      'Edit a partner: any field, whether it is active, its joining date (admins and partner managers; audited as partner.updated)',
    tags: ['partners'],
    params: partnerParams,
    body: updatePartnerBody,
    before: [requireInternalUser(ctx)],
    openapi: bearerSecurity,
    responses: {
      200: { description: 'The partner as stored', schema: partnerSchema },
      400: { description: 'REQUEST.INVALID or REQUEST.INVALID_TEXT' },
      403: forbidden,
      404: { description: 'No such partner in this tenant' },
      409: { description: 'PARTNERS.DUPLICATE' },
      422: { description: 'PARTNERS.INVALID_FIELDS' },
    },
    handler: async ({ params, body, req }) => {
      const principal = internalUserOf(req);
      const { actingUserId: requested, ...changes } = body;
      return {
        body: await updatePartner(ctx, {
          tenantId: principal.tenantId,
          actor: actorOf(principal, requested),
          partnerId: params.partnerId,
          changes,
        }),
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/partners/:partnerId/api-keys',
    summary: "A partner's API keys: name, created, last used (to the hour), revoked; never a secret",
    tags: ['partners'],
    params: partnerParams,
    query: z.object({ actingUserId }),
    before: [requireInternalUser(ctx)],
    openapi: bearerSecurity,
    responses: {
      200: {
        description: 'The keys, oldest first',
        schema: z.object({
          keys: z.array(
            z.object({
              keyId: z.string(),
              name: z.string(),
              createdAt: z.string(),
              lastUsedAt: z.string().nullable(),
              revokedAt: z.string().nullable(),
              linkExpiresAt: z
                .string()
                .nullable()
                .meta({ description: 'While its one-time link waits to be viewed, when the link expires' }),
            }),
          ),
        }),
      },
      403: forbidden,
      404: { description: 'No such partner in this tenant' },
    },
    handler: async ({ params, query, req }) => {
      const principal = internalUserOf(req);
      return {
        body: {
          keys: await listPartnerKeys(ctx, {
            tenantId: principal.tenantId,
            actor: actorOf(principal, query.actingUserId),
            partnerId: params.partnerId,
          }),
        },
      };
    },
  }),
  // Not idempotent on purpose: a replayed answer would have to store the link in clear.
  defineRoute({
    method: 'post',
    path: '/api/v1/partners/:partnerId/api-keys',
    summary:
      'Issue a named API key for a partner (admins and partner managers). The answer holds a one-time link, valid 24 hours, that shows the key once',
    tags: ['partners'],
    params: partnerParams,
    body: keyNameBody,
    before: [requireInternalUser(ctx)],
    openapi: bearerSecurity,
    responses: {
      201: {
        description: 'The key’s id and name and the link to it; never the key',
        schema: issuedKeySchema,
      },
      403: forbidden,
      404: { description: 'No such partner in this tenant' },
      409: { description: 'KEYS.NAME_TAKEN (a working key has the name) or PARTNERS.INACTIVE' },
    },
    handler: async ({ params, body, req }) => {
      const principal = internalUserOf(req);
      return {
        status: 201,
        headers: noStore,
        body: await issuePartnerKey(ctx, {
          tenantId: principal.tenantId,
          actor: actorOf(principal, body.actingUserId),
          partnerId: params.partnerId,
          name: body.name,
        }),
      };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/api-keys/:keyId/rotate',
    summary:
      "Rotate a partner's key: a new key with the same name (unless renamed) behind a new one-time link; the old key is revoked at once",
    tags: ['partners'],
    params: z.object({ keyId: z.string().min(1).max(64) }),
    body: z
      .object({ name: keyNameBody.shape.name.optional(), actingUserId })
      .strict()
      .meta({ id: 'RotatePartnerKeyRequest' }),
    before: [requireInternalUser(ctx)],
    openapi: bearerSecurity,
    responses: {
      201: {
        description: 'The new key’s id, name and link, and the revoked key’s id',
        schema: issuedKeySchema.extend({ replacedKeyId: z.string() }).meta({ id: 'RotatedPartnerKey' }),
      },
      403: forbidden,
      404: { description: 'No such partner key in this tenant' },
      409: { description: 'KEYS.REVOKED, KEYS.NAME_TAKEN or PARTNERS.INACTIVE' },
    },
    handler: async ({ params, body, req }) => {
      const principal = internalUserOf(req);
      return {
        status: 201,
        headers: noStore,
        body: await rotatePartnerKey(ctx, {
          tenantId: principal.tenantId,
          actor: actorOf(principal, body.actingUserId),
          keyId: params.keyId,
          ...(body.name ? { name: body.name } : {}),
        }),
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/key-links/:token',
    summary:
      'Show an API key once (no authentication: the link is the capability). Used, expired or unknown links answer 410 KEYS.LINK_GONE',
    tags: ['partners'],
    params: z.object({ token: z.string().min(1).max(200) }),
    responses: {
      200: {
        description: 'The key, this once; store it now',
        schema: z
          .object({
            keyId: z.string(),
            name: z.string(),
            /** The partner the key belongs to; null for an internal user's own key. */
            partnerId: z.string().nullable(),
            /** The internal user a key belongs to (an admin's own key from the settings page). */
            userId: z.string().nullable(),
            apiKey: z.string(),
          })
          .meta({ id: 'ViewedKey' }),
      },
      410: { description: 'KEYS.LINK_GONE: already viewed, expired, revoked or never issued' },
    },
    handler: async ({ params }) => ({ headers: noStore, body: await viewKeyLink(ctx, params.token) }),
  }),
];
