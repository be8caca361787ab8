import type { Request } from 'express';
import type { ObjectTypeDef } from './object-types.js';
import type { HsRecord, Portal } from './portal.js';
import type { HubSpotStore } from './store.js';

/** Query values may be repeated (`?properties=a&properties=b`) or comma-separated (`?properties=a,b`). */
export const listParam = (value: unknown): string[] | undefined => {
  if (value === undefined) return undefined;
  const values = Array.isArray(value) ? value : [value];
  return values
    .flatMap((v) => String(v).split(','))
    .map((v) => v.trim())
    .filter(Boolean);
};

export const boolParam = (value: unknown): boolean => value === 'true' || value === true;

/** The properties a read returns: those asked for (null when unset, omitted when unknown) or the defaults. */
export const selectProperties = (
  portal: Portal,
  def: ObjectTypeDef,
  values: Record<string, string | null>,
  requested: string[] | undefined,
): Record<string, string | null> => {
  const defined = portal.properties.get(def.objectTypeId);
  const names = requested && requested.length > 0 ? requested : defaultPropertiesOf(portal, def);
  const out: Record<string, string | null> = {};
  for (const name of names) if (defined?.has(name)) out[name] = values[name] ?? null;
  return out;
};

const defaultPropertiesOf = (portal: Portal, def: ObjectTypeDef): readonly string[] => {
  if (!def.custom) return def.defaultProperties;
  const schema = portal.schemas.get(def.objectTypeId);
  return [
    'hs_createdate',
    'hs_lastmodifieddate',
    'hs_object_id',
    ...(schema ? [schema.primaryDisplayProperty] : []),
  ];
};

export type PublicObject = {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
  associations?: Record<string, InlineAssociations>;
};

/** One target type's associations inside a read: at most 100, then a cursor for the rest. */
export type InlineAssociations = {
  results: { id: string; type: string }[];
  paging?: { next: { after: string; link: string } };
};

/** HubSpot returns at most this many associations per target type inline (since January 2021). */
export const INLINE_ASSOCIATION_LIMIT = 100;

export const publicObject = (
  portal: Portal,
  def: ObjectTypeDef,
  record: HsRecord,
  requested: string[] | undefined,
  values: Record<string, string | null> = record.properties,
): PublicObject => ({
  id: record.id,
  properties: selectProperties(portal, def, values, requested),
  createdAt: record.createdAt,
  updatedAt: record.updatedAt,
  archived: record.archived,
  ...(record.archivedAt ? { archivedAt: record.archivedAt } : {}),
});

/**
 * The v3 `associations` block of a read: one entry per associated id and type, at most
 * INLINE_ASSOCIATION_LIMIT per target type; past that, `paging.next` points at the record's own
 * association listing (whose `after` is an associated id), as HubSpot does.
 */
export const v3Associations = (
  store: HubSpotStore,
  portal: Portal,
  def: ObjectTypeDef,
  record: HsRecord,
  toTypes: string[],
  origin = '',
): PublicObject['associations'] => {
  const out: NonNullable<PublicObject['associations']> = {};
  for (const alias of toTypes) {
    const to = store.type(portal.id, alias);
    const all = store.associations(portal.id, def.objectTypeId, record.id, to.objectTypeId).flatMap((a) =>
      a.typeIds.map((typeId) => ({
        id: a.toId,
        type: portal.associationTypes.v3Name(def.objectTypeId, to.objectTypeId, typeId),
      })),
    );
    if (all.length === 0) continue;
    const results = all.slice(0, INLINE_ASSOCIATION_LIMIT);
    const next = all[INLINE_ASSOCIATION_LIMIT];
    // The cut may fall between two types of one id: the next page starts at that id again.
    const after = next?.id;
    out[to.custom ? to.fullyQualifiedName : to.name] = {
      results: after === undefined ? results : results.filter((r) => r.id !== after),
      ...(after === undefined
        ? {}
        : {
            paging: {
              next: {
                after,
                link: `${origin}/crm/v4/objects/${def.objectTypeId}/${record.id}/associations/${to.objectTypeId}?after=${after}`,
              },
            },
          }),
    };
  }
  return out;
};

/** Scheme and host the client called, for absolute links. */
export const originOf = (req: Request): string => `${req.protocol}://${req.get('host') ?? '127.0.0.1'}`;

/** Absolute link for `paging.next.link`, on whatever host the client called. */
export const pageLink = (req: Request, params: Record<string, string>): string => {
  const url = new URL(req.originalUrl, `${req.protocol}://${req.get('host') ?? '127.0.0.1'}`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
};

export const batchEnvelope = <T>(startedAt: string, results: T[], errors: unknown[] = []) => ({
  status: 'COMPLETE',
  results,
  ...(errors.length > 0 ? { numErrors: errors.length, errors } : {}),
  requestedAt: startedAt,
  startedAt,
  completedAt: new Date().toISOString(),
});
