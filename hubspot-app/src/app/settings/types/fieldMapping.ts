import { z } from 'zod';

/**
 * The field-mapping editor on the settings page: which HubSpot property feeds each Entente field
 * of deals, companies and contacts (GET/PUT /hubspot/cards/settings/field-mapping and
 * POST .../field-mapping/preview).
 */

/** The objects whose fields can be pointed at other properties, in the order the page shows them. */
export const MAPPED_OBJECTS = ['deals', 'companies', 'contacts'] as const;
export type MappedObject = (typeof MAPPED_OBJECTS)[number];

/** What the PUT and the preview take: per object, only the fields that differ from the defaults. */
export type FieldMappingOverrides = Partial<Record<MappedObject, Record<string, string>>>;

const overridesSchema = z.record(z.string(), z.record(z.string(), z.string()));

export const fieldMappingRowSchema = z.object({
  object: z.string(),
  field: z.string(),
  property: z.string(),
  defaultProperty: z.string(),
  customised: z.boolean(),
  acceptedTypes: z.array(z.string()),
});
export type FieldMappingRow = z.infer<typeof fieldMappingRowSchema>;

const changedBySchema = z.object({ userId: z.string(), name: z.string().nullable() });

export const fieldMappingVersionSchema = z.object({
  version: z.number().int(),
  overrides: overridesSchema,
  changedBy: changedBySchema,
  changedAt: z.string(),
});
export type FieldMappingVersion = z.infer<typeof fieldMappingVersionSchema>;

/** GET /hubspot/cards/settings/field-mapping (admins): the mapping in force and its versions, newest first. */
export const fieldMappingOverviewSchema = z.object({
  current: z.object({
    /** Null while the tenant has never changed the mapping. */
    version: z.number().int().nullable(),
    overrides: overridesSchema,
    fields: z.array(fieldMappingRowSchema),
    changedBy: changedBySchema.nullable(),
    changedAt: z.string().nullable(),
  }),
  history: z.array(fieldMappingVersionSchema),
});
export type FieldMappingOverview = z.infer<typeof fieldMappingOverviewSchema>;

const text = z.string().nullable().optional();

/** POST /hubspot/cards/settings/field-mapping/preview: up to five records per kind, as the mapping reads them. */
export const fieldMappingPreviewSchema = z.object({
  deals: z.array(
    z.object({
      crmId: z.string(),
      name: text,
      amountMinor: z.number().nullable().optional(),
      currency: text,
      closeDate: text,
    }),
  ),
  companies: z.array(
    z.object({
      crmId: z.string(),
      name: text,
      domains: z.array(z.string()).optional(),
      industry: text,
      employees: z.number().nullable().optional(),
      phone: text,
      address: z.record(z.string(), z.string().optional()).nullable().optional(),
    }),
  ),
  contacts: z.array(
    z.object({
      crmId: z.string(),
      email: text,
      firstName: text,
      lastName: text,
      jobTitle: text,
      phone: text,
    }),
  ),
});
export type FieldMappingPreview = z.infer<typeof fieldMappingPreviewSchema>;

/** PUT /hubspot/cards/settings/field-mapping: the version now in force (`changed: false` if it already was). */
export const saveFieldMappingResponseSchema = z.object({
  version: z.number().int(),
  previousVersion: z.number().int().nullable(),
  changed: z.boolean(),
  changedBy: z.string(),
  changedAt: z.string(),
  history: z.array(fieldMappingVersionSchema),
});
export type SaveFieldMappingResponse = z.infer<typeof saveFieldMappingResponseSchema>;

/**
 * `details` of 400 CRM.MAPPING_INVALID. Checked against HubSpot, each problem names the object,
 * field, property, its type (null when HubSpot has no such property) and the types accepted; a
 * property name that is not one at all comes back as `{path: "deals.name", message}` instead.
 */
export const mappingProblemsSchema = z.array(
  z.union([
    z.object({
      objectType: z.string(),
      field: z.string(),
      property: z.string(),
      problem: z.string(),
      type: z.string().nullable(),
      accepted: z.array(z.string()),
    }),
    z.object({ path: z.string(), message: z.string() }),
  ]),
);
export type MappingProblems = z.infer<typeof mappingProblemsSchema>;
