import { issueDetails } from '@entente/shared/errors';
import { z } from 'zod';
import { CrmErrors } from '../crmErrors.js';

/**
 * Which HubSpot property feeds which domain field. The defaults are HubSpot's standard
 * properties; an admin may point any of these fields at a custom property instead. Stage, owner
 * and associations are not remappable: they carry meaning the engines rely on.
 */
export const DEFAULT_FIELD_MAPPING = {
  deals: { name: 'dealname', amount: 'amount', currency: 'deal_currency_code', closeDate: 'closedate' },
  companies: {
    name: 'name',
    domain: 'domain',
    industry: 'industry',
    employees: 'numberofemployees',
    phone: 'phone',
    street: 'address',
    city: 'city',
    zip: 'zip',
    region: 'state',
    country: 'country',
  },
  contacts: {
    email: 'email',
    firstName: 'firstname',
    lastName: 'lastname',
    jobTitle: 'jobtitle',
    phone: 'phone',
  },
} as const;

const propertyName = z
  .string()
  .regex(/^[a-z0-9_][a-z0-9_.-]{0,99}$/i, 'a HubSpot property name (letters, digits, underscores)');

const overrides = <K extends string>(fields: Record<K, string>) =>
  z
    .object(
      Object.fromEntries(Object.keys(fields).map((key) => [key, propertyName])) as Record<
        K,
        typeof propertyName
      >,
    )
    .partial()
    .strict();

export const fieldMappingSchema = z
  .object({
    deals: overrides(DEFAULT_FIELD_MAPPING.deals),
    companies: overrides(DEFAULT_FIELD_MAPPING.companies),
    contacts: overrides(DEFAULT_FIELD_MAPPING.contacts),
  })
  .partial()
  .strict();
export type FieldMappingOverrides = z.infer<typeof fieldMappingSchema>;

export type FieldMapping = {
  deals: Record<keyof typeof DEFAULT_FIELD_MAPPING.deals, string>;
  companies: Record<keyof typeof DEFAULT_FIELD_MAPPING.companies, string>;
  contacts: Record<keyof typeof DEFAULT_FIELD_MAPPING.contacts, string>;
};

/** Parses an admin's overrides (zod) and lays them over the defaults. */
export const resolveFieldMapping = (input: unknown): FieldMapping => {
  const parsed = fieldMappingSchema.safeParse(input ?? {});
  if (!parsed.success) {
    throw CrmErrors.mappingInvalid('The field mapping is invalid', issueDetails(parsed.error.issues));
  }
  return {
    deals: { ...DEFAULT_FIELD_MAPPING.deals, ...parsed.data.deals },
    companies: { ...DEFAULT_FIELD_MAPPING.companies, ...parsed.data.companies },
    contacts: { ...DEFAULT_FIELD_MAPPING.contacts, ...parsed.data.contacts },
  };
};

/** Every mapped property must exist on the portal; the error names each one that does not. */
export const checkMappedPropertiesExist = (
  mapping: FieldMapping,
  existing: Record<'deals' | 'companies' | 'contacts', ReadonlySet<string>>,
): void => {
  const missing = (Object.keys(mapping) as (keyof FieldMapping)[]).flatMap((objectType) =>
    Object.entries(mapping[objectType])
      .filter(([, property]) => !existing[objectType].has(property))
      .map(([field, property]) => ({ objectType, field, property })),
  );
  if (missing.length > 0) {
    throw CrmErrors.mappingInvalid(
      `The field mapping points at ${missing.map((m) => `${m.objectType} property "${m.property}" (for ${m.field})`).join(', ')}, which does not exist in HubSpot`,
      missing,
    );
  }
};
