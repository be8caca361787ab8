import {
  ACCEPTED_PROPERTY_TYPES,
  DEFAULT_FIELD_MAPPING,
  parseFieldMappingOverrides,
  resolveFieldMapping,
  type FieldMapping,
  type FieldMappingOverrides,
  type MappedObject,
} from '../../crm/hubspot/fieldMapping.js';
import type { FieldMappingVersion } from '../../store/repositories/fieldMappingVersions.js';
import type { TenantStore } from '../../store/store.js';

/** One saved version as the settings page and the API show it: what, by whom, when. */
export type FieldMappingVersionView = {
  version: number;
  overrides: FieldMappingOverrides;
  changedBy: { userId: string; name: string | null };
  changedAt: string;
};

/** Every mappable field with the property it reads now, its default and the types it accepts. */
export type FieldMappingRow = {
  object: MappedObject;
  field: string;
  property: string;
  defaultProperty: string;
  customised: boolean;
  acceptedTypes: string[];
};

export type FieldMappingState = {
  /** The version in force; null while the tenant has never changed the mapping. */
  version: number | null;
  overrides: FieldMappingOverrides;
  mapping: FieldMapping;
  fields: FieldMappingRow[];
  changedBy: { userId: string; name: string | null } | null;
  changedAt: string | null;
};

/** A stored mapping read back leniently: one that no longer parses shows as the defaults. */
export const storedOverrides = (stored: unknown): FieldMappingOverrides => {
  try {
    return parseFieldMappingOverrides(stored);
  } catch {
    return {};
  }
};

export const fieldRows = (mapping: FieldMapping): FieldMappingRow[] =>
  (Object.keys(DEFAULT_FIELD_MAPPING) as MappedObject[]).flatMap((object) =>
    Object.entries(mapping[object]).map(([field, property]) => {
      const defaultProperty = (DEFAULT_FIELD_MAPPING[object] as Record<string, string>)[field] ?? property;
      return {
        object,
        field,
        property,
        defaultProperty,
        customised: property !== defaultProperty,
        acceptedTypes: [
          ...((ACCEPTED_PROPERTY_TYPES[object] as Record<string, readonly string[]>)[field] ?? []),
        ],
      };
    }),
  );

const namesOf = async (scoped: TenantStore, ids: readonly string[]) => {
  const names = new Map<string, string | null>();
  for (const id of new Set(ids)) names.set(id, (await scoped.users.get(id))?.name ?? null);
  return names;
};

export const versionViews = async (
  scoped: TenantStore,
  versions: readonly FieldMappingVersion[],
): Promise<FieldMappingVersionView[]> => {
  const names = await namesOf(
    scoped,
    versions.map((v) => v.changedBy),
  );
  return versions.map((v) => ({
    version: v.version,
    overrides: storedOverrides(v.mapping),
    changedBy: { userId: v.changedBy, name: names.get(v.changedBy) ?? null },
    changedAt: v.changedAt,
  }));
};

/** The mapping in force (from the CRM settings) with the version that set it, if any. */
export const currentMapping = async (
  scoped: TenantStore,
  latest: FieldMappingVersionView | undefined,
): Promise<FieldMappingState> => {
  const overrides = storedOverrides((await scoped.crmSync.settings()).fieldMapping);
  const mapping = resolveFieldMapping(overrides);
  return {
    version: latest?.version ?? null,
    overrides,
    mapping,
    fields: fieldRows(mapping),
    changedBy: latest?.changedBy ?? null,
    changedAt: latest?.changedAt ?? null,
  };
};
