import {
  MAPPED_OBJECTS,
  mappingProblemsSchema,
  type FieldMappingOverrides,
  type FieldMappingRow,
  type MappedObject,
} from '../types/fieldMapping';
import type { ServiceError } from './fetchFromService';

/** What the admin has typed, per field: `{"deals.name": "dealname", ...}`. */
export type MappingValues = Record<string, string>;

export const fieldKey = (object: string, field: string): string => `${object}.${field}`;

export const valuesOf = (fields: readonly FieldMappingRow[]): MappingValues =>
  Object.fromEntries(fields.map((f) => [fieldKey(f.object, f.field), f.property]));

/**
 * The overrides the service takes: every field whose property differs from its default (all of
 * them, not a difference from what is in force), so a field typed back to its default is reset.
 */
export const overridesOf = (
  fields: readonly FieldMappingRow[],
  values: MappingValues,
): FieldMappingOverrides => {
  const overrides: FieldMappingOverrides = {};
  for (const f of fields) {
    if (!(MAPPED_OBJECTS as readonly string[]).includes(f.object)) continue;
    const property = (values[fieldKey(f.object, f.field)] ?? f.property).trim();
    if (property === f.defaultProperty) continue;
    const object = f.object as MappedObject;
    overrides[object] = { ...overrides[object], [f.field]: property };
  }
  return overrides;
};

/** The same overrides always give the same text, whatever order they were typed in. */
export const overridesKey = (overrides: FieldMappingOverrides): string =>
  JSON.stringify(
    MAPPED_OBJECTS.filter((o) => overrides[o] && Object.keys(overrides[o]).length > 0).map((o) => [
      o,
      Object.entries(overrides[o] ?? {}).sort(([a], [b]) => a.localeCompare(b)),
    ]),
  );

/** "closeDate" → "Close date". */
export const fieldLabel = (field: string): string => {
  const words = field.replace(/([A-Z])/g, ' $1').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export const objectLabel = (object: string): string =>
  ({ deals: 'Deals', companies: 'Companies', contacts: 'Contacts' })[object] ?? object;

export const overridesSummary = (overrides: Record<string, Record<string, string>>): string => {
  const lines = Object.entries(overrides).flatMap(([object, fields]) =>
    Object.entries(fields).map(([field, property]) => `${object}.${field} → ${property}`),
  );
  return lines.length === 0 ? 'HubSpot standard properties' : lines.join(', ');
};

/**
 * What CRM.MAPPING_INVALID (or REQUEST.INVALID, for a name that is no property name at all) says
 * about each field, by field key, plus whatever it says that belongs to no single field.
 */
export const mappingProblemsOf = (
  error: ServiceError,
): { byField: Record<string, string>; general: string[] } => {
  const byField: Record<string, string> = {};
  const general: string[] = [];
  if (error.code !== 'CRM.MAPPING_INVALID' && error.code !== 'REQUEST.INVALID') return { byField, general };
  const parsed = mappingProblemsSchema.safeParse(error.details);
  if (!parsed.success) return { byField, general };
  for (const problem of parsed.data) {
    if ('objectType' in problem) {
      byField[fieldKey(problem.objectType, problem.field)] =
        problem.type === null
          ? `HubSpot has no ${problem.objectType} property "${problem.property}".`
          : `"${problem.property}" is of type ${problem.type}; this field takes ${problem.accepted.join(' or ')}.`;
      continue;
    }
    const path = problem.path.replace(/^body\./, '');
    const [object, field, ...rest] = path.split('.');
    if (object && field && rest.length === 0 && (MAPPED_OBJECTS as readonly string[]).includes(object))
      byField[fieldKey(object, field)] = `Not a property name: ${problem.message}.`;
    else general.push(path ? `${path}: ${problem.message}` : problem.message);
  }
  return { byField, general };
};
