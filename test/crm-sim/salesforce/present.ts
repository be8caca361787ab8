import type { FieldDef, SObjectDef } from './schema.js';
import type { SfRecord } from './store.js';

export const versionOf = (param: string | undefined): string => (param ?? 'v66.0').replace(/^v/, '');

export const recordUrl = (version: string, type: string, id: string): string =>
  `/services/data/v${version}/sobjects/${type}/${id}`;

/** A record as the REST API returns it: `attributes` first, then the requested (or all) fields. */
export const presentRecord = (
  def: SObjectDef,
  record: SfRecord,
  version: string,
  fields?: string[],
): Record<string, unknown> => {
  const names = fields && fields.length > 0 ? fields : [...def.fields.keys()];
  const out: Record<string, unknown> = {
    attributes: { type: def.name, url: recordUrl(version, def.name, record.Id) },
  };
  for (const name of names) {
    const field =
      def.fields.get(name) ??
      [...def.fields.values()].find((f) => f.name.toLowerCase() === name.toLowerCase());
    if (field) out[field.name] = record[field.name] ?? null;
  }
  return out;
};

const describeField = (f: FieldDef) => ({
  name: f.name,
  label: f.label,
  type: f.type,
  createable: f.createable,
  updateable: f.updateable,
  nillable: f.nillable,
  custom: f.name.endsWith('__c'),
  externalId: f.externalId ?? false,
  idLookup: f.name === 'Id' || (f.externalId ?? false),
  referenceTo: f.referenceTo ?? [],
  relationshipName: f.relationshipName ?? null,
  picklistValues: (f.picklistValues ?? []).map((value) => ({
    value,
    label: value,
    active: true,
    defaultValue: false,
  })),
});

export const describeObject = (def: SObjectDef, version: string) => ({
  name: def.name,
  label: def.label,
  labelPlural: `${def.label}s`,
  keyPrefix: def.keyPrefix,
  custom: def.custom,
  createable: true,
  updateable: true,
  deletable: true,
  queryable: true,
  fields: [...def.fields.values()].map(describeField),
  urls: {
    sobject: `/services/data/v${version}/sobjects/${def.name}`,
    describe: `/services/data/v${version}/sobjects/${def.name}/describe`,
  },
});
