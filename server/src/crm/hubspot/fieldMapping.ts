import { issueDetails } from '@entente/shared/errors';
import { partnerOutcomeKinds, type PartnerOutcomeKind } from '@entente/shared/partner-value';
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

/** A comma-separated list, as the flat override shape holds it: `renewals, 12345678`. */
const listText = z
  .string()
  .max(1000)
  .regex(/^[\w.:-]+(\s*,\s*[\w.:-]+)*$/, 'a comma-separated list of ids or values');

/**
 * What makes a deal a renewal besides HubSpot's own deal type (`dealtype = existingbusiness`, always
 * read): the pipelines whose deals are renewals (`pipelines`, HubSpot pipeline ids), or a deal
 * property (`property`) holding one of `propertyValues` (default `true`, a checkbox). Kept flat
 * (text values) like the field overrides, so every surface that edits fields reads it unchanged.
 */
const renewalOverrides = z
  .object({ pipelines: listText, property: propertyName, propertyValues: listText })
  .partial()
  .strict()
  .refine((r) => r.propertyValues === undefined || r.property !== undefined, {
    message: 'propertyValues needs the property they are values of',
    path: ['propertyValues'],
  });

/**
 * Deal properties that record a partner outcome when set (a go-live date, a checkbox): the outcome
 * kind each one records for the partners credited on the deal.
 */
const outcomeOverrides = z
  .object(
    Object.fromEntries(partnerOutcomeKinds.map((kind) => [kind, propertyName])) as Record<
      PartnerOutcomeKind,
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
    renewals: renewalOverrides,
    outcomes: outcomeOverrides,
  })
  .partial()
  .strict();
export type FieldMappingOverrides = z.infer<typeof fieldMappingSchema>;

/** The sections that say what a deal is (a renewal) or records (an outcome), not which field it feeds. */
export const DEAL_SIGNAL_SECTIONS = ['renewals', 'outcomes'] as const;

export type RenewalMapping = {
  /** Deals in these pipelines are renewals. */
  pipelines: string[];
  /** A deal property that marks a renewal, or null. */
  property: string | null;
  /** The values of `property` that mean "renewal", compared without case. */
  propertyValues: string[];
};

export type FieldMapping = {
  deals: Record<keyof typeof DEFAULT_FIELD_MAPPING.deals, string>;
  companies: Record<keyof typeof DEFAULT_FIELD_MAPPING.companies, string>;
  contacts: Record<keyof typeof DEFAULT_FIELD_MAPPING.contacts, string>;
  renewals: RenewalMapping;
  /** Which deal property records which outcome kind when set. */
  outcomes: Partial<Record<PartnerOutcomeKind, string>>;
};

const splitList = (text: string | undefined): string[] =>
  (text ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/**
 * The settings page edits fields only, so a save without `renewals` or `outcomes` keeps the ones in
 * force; a section given, even empty, replaces them.
 */
export const keepDealSignals = (
  next: FieldMappingOverrides,
  inForce: FieldMappingOverrides,
): FieldMappingOverrides => {
  const kept: FieldMappingOverrides = { ...next };
  for (const section of DEAL_SIGNAL_SECTIONS)
    if (next[section] === undefined && inForce[section] !== undefined)
      Object.assign(kept, { [section]: inForce[section] });
  return kept;
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
    renewals: {
      pipelines: splitList(overrides.renewals?.pipelines),
      property: overrides.renewals?.property ?? null,
      propertyValues: overrides.renewals?.property
        ? overrides.renewals.propertyValues
          ? splitList(overrides.renewals.propertyValues)
          : ['true']
        : [],
    },
    outcomes: { ...overrides.outcomes },
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
  [O in MappedObject]: Record<keyof FieldMapping[O], readonly HubSpotPropertyType[]>;
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

/**
 * A property that marks a renewal is read as a value to compare (a checkbox, a picklist option, a
 * text); one that records an outcome is read as "set or not", with the date when it is one (a
 * go-live date) or a checkbox.
 */
export const RENEWAL_PROPERTY_TYPES: readonly HubSpotPropertyType[] = ['bool', 'enumeration', 'string'];
export const OUTCOME_PROPERTY_TYPES: readonly HubSpotPropertyType[] = ['date', 'datetime', 'bool'];

/** The objects whose fields are mapped one to one. */
export const MAPPED_OBJECTS = ['deals', 'companies', 'contacts'] as const;
export type MappedObject = (typeof MAPPED_OBJECTS)[number];

/**
 * One mapped field the portal cannot feed: its property is missing, or of a type it cannot read; or
 * a renewal pipeline the portal does not have.
 */
export type MappingProblem = {
  objectType: MappedObject;
  field: string;
  property: string;
  problem: 'missing' | 'wrong_type' | 'unknown_pipeline';
  /** The property's type on the portal; null when it does not exist. */
  type: string | null;
  accepted: readonly string[];
};

/**
 * A portal's properties per object, by name, with their HubSpot type, and the deal pipelines'
 * ids when known (the options of the deal `pipeline` property).
 */
export type PortalProperties = Record<MappedObject, ReadonlyMap<string, string>> & {
  dealPipelines?: ReadonlySet<string>;
};

const propertyProblem = (
  objectType: MappedObject,
  field: string,
  property: string,
  accepted: readonly string[],
  existing: PortalProperties,
): MappingProblem[] => {
  const type = existing[objectType].get(property);
  if (type === undefined) return [{ objectType, field, property, problem: 'missing', type: null, accepted }];
  if (!accepted.includes(type))
    return [{ objectType, field, property, problem: 'wrong_type', type, accepted }];
  return [];
};

/**
 * Every mapped field whose property is missing on the portal or of a type the field does not
 * accept, the renewal and outcome properties included, and every renewal pipeline the portal does
 * not have (when its pipelines are known).
 */
export const mappingProblems = (mapping: FieldMapping, existing: PortalProperties): MappingProblem[] => [
  ...MAPPED_OBJECTS.flatMap((objectType) =>
    Object.entries(mapping[objectType]).flatMap(([field, property]) =>
      propertyProblem(
        objectType,
        field,
        property,
        (ACCEPTED_PROPERTY_TYPES[objectType] as Record<string, readonly HubSpotPropertyType[]>)[field] ?? [],
        existing,
      ),
    ),
  ),
  ...(mapping.renewals.property
    ? propertyProblem(
        'deals',
        'renewals.property',
        mapping.renewals.property,
        RENEWAL_PROPERTY_TYPES,
        existing,
      )
    : []),
  ...mapping.renewals.pipelines
    .filter((id) => existing.dealPipelines !== undefined && !existing.dealPipelines.has(id))
    .map((id): MappingProblem => ({
      objectType: 'deals',
      field: 'renewals.pipelines',
      property: id,
      problem: 'unknown_pipeline',
      type: null,
      accepted: [...(existing.dealPipelines ?? [])],
    })),
  ...Object.entries(mapping.outcomes).flatMap(([kind, property]) =>
    propertyProblem('deals', `outcomes.${kind}`, property, OUTCOME_PROPERTY_TYPES, existing),
  ),
];

const describeProblem = (p: MappingProblem): string =>
  p.problem === 'missing'
    ? `${p.objectType}.${p.field} → "${p.property}": no such ${p.objectType} property in HubSpot`
    : p.problem === 'unknown_pipeline'
      ? `deals.renewals.pipelines → "${p.property}": no such deal pipeline in HubSpot (it has ${p.accepted.join(', ') || 'none'})`
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
