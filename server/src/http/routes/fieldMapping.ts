import { z } from 'zod';
import type { AppContext } from '../../appContext.js';
import { fieldMappingSchema } from '../../crm/hubspot/fieldMapping.js';
import { getFieldMapping } from '../../use-cases/getFieldMapping.js';
import { previewFieldMapping } from '../../use-cases/previewFieldMapping.js';
import { updateFieldMapping } from '../../use-cases/updateFieldMapping.js';
import { actingUserOf, bearerSecurity, internalUserOf, requireInternalUser } from '../auth/index.js';
import { defineRoute } from '../route.js';

const actingUserId = z
  .string()
  .min(1)
  .max(128)
  .optional()
  .meta({ description: 'Admin tokens act for a CRM surface: they name the admin making the change' });

/** The overrides (`{ "deals": { "amount": "net_amount" } }`), and who acts for an admin token. */
const mappingBody = z
  .object({ ...fieldMappingSchema.shape, actingUserId })
  .strict()
  .meta({
    id: 'FieldMappingRequest',
    description:
      'Every override in force afterwards (not a difference); fields left out read HubSpot’s default property. `renewals` (`{pipelines: "id, id", property, propertyValues: "true"}`: deals in those pipelines, or whose property holds one of the values, are renewals; HubSpot’s deal type `existingbusiness` always is) and `outcomes` (`{implementation: "go_live_date", ...}`: a deal property that, once set, records that outcome for the partners credited on the deal) are kept when left out; send `{}` to clear one.',
  });

const overridesSchema = fieldMappingSchema.meta({ id: 'FieldMappingOverrides' });
const fieldsSchema = z.record(z.string(), z.string());
const resolvedSchema = z
  .object({
    deals: fieldsSchema,
    companies: fieldsSchema,
    contacts: fieldsSchema,
    renewals: z.object({
      pipelines: z.array(z.string()),
      property: z.string().nullable(),
      propertyValues: z.array(z.string()),
    }),
    outcomes: z.record(z.string(), z.string()),
  })
  .meta({
    description:
      'Each field with the property it reads, defaults included; what marks a renewal; which deal property records which outcome',
  });
const changedBySchema = z.object({ userId: z.string(), name: z.string().nullable() });

const versionSchema = z
  .object({
    version: z.number().int(),
    overrides: overridesSchema,
    changedBy: changedBySchema,
    changedAt: z.string(),
  })
  .meta({ id: 'FieldMappingVersion' });

const overviewSchema = z
  .object({
    current: z.object({
      version: z.number().int().nullable(),
      overrides: overridesSchema,
      mapping: resolvedSchema,
      fields: z.array(
        z.object({
          object: z.enum(['deals', 'companies', 'contacts']),
          field: z.string(),
          property: z.string(),
          defaultProperty: z.string(),
          customised: z.boolean(),
          acceptedTypes: z.array(z.string()),
        }),
      ),
      changedBy: changedBySchema.nullable(),
      changedAt: z.string().nullable(),
    }),
    history: z.array(versionSchema),
  })
  .meta({ id: 'FieldMappingOverview' });

const savedSchema = z
  .object({
    version: z.number().int(),
    previousVersion: z.number().int().nullable(),
    overrides: overridesSchema,
    mapping: resolvedSchema,
    changedBy: z.string(),
    changedAt: z.string(),
    changed: z.boolean().meta({ description: 'False when these overrides were already in force' }),
  })
  .meta({ id: 'FieldMappingSaved' });

const previewSchema = z
  .object({
    mapping: resolvedSchema,
    deals: z.array(
      z.object({
        crmId: z.string(),
        name: z.string(),
        amountMinor: z.number().int(),
        currency: z.string(),
        closeDate: z.string().nullable(),
        renewal: z
          .string()
          .nullable()
          .meta({ description: 'Why the deal is a renewal; null for new business' }),
        outcomes: z.array(z.string()).meta({ description: 'The outcome kinds its mapped properties record' }),
      }),
    ),
    companies: z.array(
      z.object({
        crmId: z.string(),
        name: z.string(),
        domains: z.array(z.string()),
        industry: z.string().nullable(),
        employees: z.number().int().nullable(),
        phone: z.string().nullable(),
        address: z.record(z.string(), z.string()).nullable(),
      }),
    ),
    contacts: z.array(
      z.object({
        crmId: z.string(),
        email: z.string().nullable(),
        firstName: z.string().nullable(),
        lastName: z.string().nullable(),
        jobTitle: z.string().nullable(),
        phone: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'FieldMappingPreview' });

const refusals = {
  400: {
    description:
      'CRM.MAPPING_INVALID: a field the schema does not know, a property that does not exist in the CRM or has a type the field does not accept (a renewal property takes bool, enumeration or string; an outcome property date, datetime or bool), or a renewal pipeline the CRM does not have (details name each: object, field, property, type, accepted)',
  },
  403: {
    description:
      'CRM.ADMIN_ONLY (the acting user is not an active admin) or AUTH.FORBIDDEN (actingUserId without an admin token)',
  },
};

const withoutActor = ({ actingUserId: _, ...overrides }: z.infer<typeof mappingBody>) => overrides;

/** The tenant's CRM field mapping (internal API): read it, preview a candidate, save a version. */
export const fieldMappingRoutes = (ctx: AppContext) => [
  defineRoute({
    method: 'get',
    path: '/api/v1/crm/field-mapping',
    summary:
      'The CRM field mapping in force, the types each field accepts, and the saved versions (internal)',
    tags: ['crm'],
    before: [requireInternalUser(ctx)],
    openapi: bearerSecurity,
    responses: {
      200: { description: 'The current mapping and its history, newest first', schema: overviewSchema },
    },
    handler: async ({ req }) => ({ body: await getFieldMapping(ctx, internalUserOf(req).tenantId) }),
  }),
  defineRoute({
    method: 'put',
    path: '/api/v1/crm/field-mapping',
    summary:
      'Save the CRM field mapping as the next version (active admins; checked against the CRM’s properties and types; audited as crm.field_mapping_changed)',
    tags: ['crm'],
    body: mappingBody,
    before: [requireInternalUser(ctx)],
    openapi: bearerSecurity,
    responses: { 200: { description: 'The version now in force', schema: savedSchema }, ...refusals },
    handler: async ({ body, req }) => {
      const principal = internalUserOf(req);
      return {
        body: await updateFieldMapping(ctx, {
          tenantId: principal.tenantId,
          actorUserId: actingUserOf(principal, body.actingUserId),
          overrides: withoutActor(body),
        }),
      };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/crm/field-mapping/preview',
    summary:
      'Read five deals, companies and contacts with a candidate field mapping, before saving it (active admins; stores nothing)',
    tags: ['crm'],
    body: mappingBody,
    before: [requireInternalUser(ctx)],
    openapi: bearerSecurity,
    responses: {
      200: { description: 'The records as the mapping would read them', schema: previewSchema },
      ...refusals,
    },
    handler: async ({ body, req }) => {
      const principal = internalUserOf(req);
      return {
        body: await previewFieldMapping(ctx, {
          tenantId: principal.tenantId,
          actorUserId: actingUserOf(principal, body.actingUserId),
          overrides: withoutActor(body),
        }),
      };
    },
  }),
];
