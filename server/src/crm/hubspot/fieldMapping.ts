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

/** An admin's overrides, parsed (zod); CRM.MAPPING_INVALID names each field that does not fit. */
export const parseFieldMappingOverrides = (input: unknown): FieldMappingOverrides => {
  const parsed = fieldMappingSchema.safeParse(input ?? {});
  if (!parsed.success) {
    throw CrmErrors.mappingInvalid('The field mapping is invalid', issueDetails(parsed.error.issues));
  }
  return parsed.data;
};

/** Parses an admin's overrides (zod) and lays them over the defaults. */
export const resolveFieldMapping = (input: unknown): FieldMapping => {
  const overrides = parseFieldMappingOverrides(input);
  return {
    deals: { ...DEFAULT_FIELD_MAPPING.deals, ...overrides.deals },
    companies: { ...DEFAULT_FIELD_MAPPING.companies, ...overrides.companies },
    contacts: { ...DEFAULT_FIELD_MAPPING.contacts, ...overrides.contacts },
  };
};

/** The property types HubSpot's properties API reports (`type`, not the form's `fieldType`). */
export type HubSpotPropertyType =
  | 'string'
  | 'number'
  | 'date'
  | 'datetime'
  | 'enumeration'
  | 'bool'
  | 'phone_number'
  | 'object_coordinates'
  | 'json';

/**
 * Which HubSpot property types each mappable field accepts, because the mapping reads the value as
 * that kind of thing: an amount is parsed as a decimal, a close date as a date, employees as an
 * integer, and everything else is kept as text. HubSpot's own defaults are: `dealname`, `name`,
 * `domain`, `email`, the address parts and the names `string`; `amount` and `numberofemployees`
 * `number`; `closedate` `datetime`; `deal_currency_code` and `industry` `enumeration`; and both
 * `phone` properties `string` with the `phonenumber` field type (newer phone properties report
 * `phone_number`). A picklist (`enumeration`) stores its option's internal value as text, so it is
 * accepted where a fixed set of values makes sense (currency, industry, job title, region,
 * country, city), but not for names, domains or e-mail addresses, which are open text by nature.
 * `bool` fits none of them.
 */
export const ACCEPTED_PROPERTY_TYPES: {
  [O in keyof FieldMapping]: Record<keyof FieldMapping[O], readonly HubSpotPropertyType[]>;
} = {
  deals: {
    name: ['string'],
    amount: ['number'],
    currency: ['enumeration', 'string'],
    closeDate: ['date', 'datetime'],
  },
  companies: {
    name: ['string'],
    domain: ['string'],
    industry: ['enumeration', 'string'],
    employees: ['number'],
    phone: ['string', 'phone_number'],
    street: ['string'],
    city: ['string', 'enumeration'],
    zip: ['string'],
    region: ['string', 'enumeration'],
    country: ['string', 'enumeration'],
  },
  contacts: {
    email: ['string'],
    firstName: ['string'],
    lastName: ['string'],
    jobTitle: ['string', 'enumeration'],
    phone: ['string', 'phone_number'],
  },
};

export type MappedObject = keyof FieldMapping;

/** One mapped field the portal cannot feed: its property is missing, or of a type it cannot read. */
export type MappingProblem = {
  objectType: MappedObject;
  field: string;
  property: string;
  problem: 'missing' | 'wrong_type';
  /** The property's type on the portal; null when it does not exist. */
  type: string | null;
  accepted: readonly string[];
};

/** A portal's properties per object, by name, with their HubSpot type. */
export type PortalProperties = Record<MappedObject, ReadonlyMap<string, string>>;

/** Every mapped field whose property is missing on the portal or of a type the field does not accept. */
export const mappingProblems = (mapping: FieldMapping, existing: PortalProperties): MappingProblem[] =>
  (Object.keys(mapping) as MappedObject[]).flatMap((objectType) =>
    Object.entries(mapping[objectType]).flatMap(([field, property]): MappingProblem[] => {
      const accepted: readonly string[] =
        (ACCEPTED_PROPERTY_TYPES[objectType] as Record<string, readonly HubSpotPropertyType[]>)[field] ?? [];
      const type = existing[objectType].get(property);
      if (type === undefined)
        return [{ objectType, field, property, problem: 'missing', type: null, accepted }];
      if (!accepted.includes(type))
        return [{ objectType, field, property, problem: 'wrong_type', type, accepted }];
      return [];
    }),
  );

const describeProblem = (p: MappingProblem): string =>
  p.problem === 'missing'
    ? `${p.objectType}.${p.field} → "${p.property}": no such ${p.objectType} property in HubSpot`
    : `${p.objectType}.${p.field} → "${p.property}": its type is ${p.type}, and ${p.field} takes ${p.accepted.join(' or ')}`;

/**
 * Every mapped property must exist on the portal with a type its field accepts; the error names
 * each one that does not (object, field, property, its type, the types accepted).
 */
export const checkMappedProperties = (mapping: FieldMapping, existing: PortalProperties): void => {
  const problems = mappingProblems(mapping, existing);
  if (problems.length > 0) {
    throw CrmErrors.mappingInvalid(
      `The field mapping cannot be used: ${problems.map(describeProblem).join('; ')}`,
      problems,
    );
  }
};
