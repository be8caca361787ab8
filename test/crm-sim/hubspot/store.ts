import type { Clock } from '../common/clock.js';
import { derivedDealProperties, type PropertyDef } from './default-properties.js';
import { notFound, propertyValidationError, HsApiError, type PropertyValidationError } from './errors.js';
import type { ObjectTypeDef } from './object-types.js';
import { createPortal, resolveType, type HsRecord, type Portal } from './portal.js';

export type ChangeSource = 'CRM_UI' | 'INTEGRATION' | 'API' | 'IMPORT';

/** Who made a write. Writes through the API carry the app id, which webhooks echo as `sourceId`. */
export type WriteContext = { changeSource: ChangeSource; sourceId?: string; validate?: boolean };

export type ChangeEvent = {
  portalId: number;
  objectTypeId: string;
  objectId: string;
  kind: 'creation' | 'deletion' | 'propertyChange' | 'associationChange';
  occurredAt: number;
  changeSource: ChangeSource;
  sourceId?: string;
  propertyName?: string;
  propertyValue?: string;
  association?: { toObjectTypeId: string; toObjectId: string; associationTypeId: number; removed: boolean };
};

export type ChangeListener = (event: ChangeEvent) => void;

const UI: WriteContext = { changeSource: 'CRM_UI' };

const modifiedProperty = (def: ObjectTypeDef): string =>
  def.objectTypeId === '0-1' ? 'lastmodifieddate' : 'hs_lastmodifieddate';
/** Custom objects name their creation date `hs_createdate`; the standard ones use `createdate`. */
export const createdProperty = (def: ObjectTypeDef): string => (def.custom ? 'hs_createdate' : 'createdate');

const toIso = (value: string, type: PropertyDef['type']): string | undefined => {
  const ms = /^-?\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  const iso = new Date(ms).toISOString();
  return type === 'date' ? `${iso.slice(0, 10)}` : iso;
};

/**
 * All HubSpot data the simulator holds, and the only way to change it: every write goes through
 * here so that search indexing, derived properties and webhook events stay consistent whether the
 * change came from the API or from a test.
 */
export class HubSpotStore {
  readonly portals = new Map<number, Portal>();
  private readonly listeners = new Set<ChangeListener>();

  constructor(
    private readonly clock: Clock,
    /** How long a write takes to become visible to search. */
    public searchIndexDelayMs: number,
  ) {}

  addPortal(id: number): Portal {
    const portal = createPortal(id);
    this.portals.set(id, portal);
    return portal;
  }

  portal(id: number): Portal {
    const portal = this.portals.get(id);
    if (!portal) throw new Error(`No simulated portal ${id}`);
    return portal;
  }

  type(portalId: number, alias: string): ObjectTypeDef {
    const def = resolveType(this.portal(portalId), alias);
    if (!def) throw new HsApiError(400, 'VALIDATION_ERROR', `Unable to infer object type from: ${alias}`);
    return def;
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- reads ----

  get(portalId: number, type: string, id: string, archived = false): HsRecord | undefined {
    const def = this.type(portalId, type);
    const record = this.portal(portalId).records.get(def.objectTypeId)?.get(id);
    return record && record.archived === archived ? record : undefined;
  }

  require(portalId: number, type: string, id: string): HsRecord {
    const record = this.get(portalId, type, id);
    if (!record) throw notFound();
    return record;
  }

  /** Records of a type in id order, which is the order HubSpot pages them in. */
  list(portalId: number, type: string, archived = false): HsRecord[] {
    const def = this.type(portalId, type);
    const records = [...(this.portal(portalId).records.get(def.objectTypeId)?.values() ?? [])];
    return records.filter((r) => r.archived === archived).sort((a, b) => Number(a.id) - Number(b.id));
  }

  findBy(portalId: number, type: string, propertyName: string, value: string): HsRecord | undefined {
    if (propertyName === 'hs_object_id') return this.get(portalId, type, value);
    return this.list(portalId, type).find((r) => r.properties[propertyName] === value);
  }

  /** The version search sees, promoting a pending one whose indexing delay has passed. */
  searchView(record: HsRecord): Record<string, string | null> | undefined {
    if (record.archived) return undefined;
    if (record.pendingIndex && record.pendingIndex.visibleAt <= this.clock()) {
      record.indexed = record.pendingIndex.properties;
      delete record.pendingIndex;
    }
    return record.indexed;
  }

  // ---- writes ----

  create(
    portalId: number,
    type: string,
    properties: Record<string, unknown>,
    ctx: WriteContext = UI,
  ): HsRecord {
    const portal = this.portal(portalId);
    const def = this.type(portalId, type);
    const values = this.validate(portalId, def.objectTypeId, properties, ctx);
    this.checkUnique(portal, def, values);
    const now = this.clock();
    const iso = new Date(now).toISOString();
    const id = String(portal.nextId++);
    const record: HsRecord = {
      id,
      objectTypeId: def.objectTypeId,
      properties: {
        [createdProperty(def)]: iso,
        ...values,
        [modifiedProperty(def)]: iso,
        hs_object_id: id,
        ...(def.objectTypeId === '0-3' ? derivedDealProperties(values.dealstage) : {}),
      },
      createdAt: values[createdProperty(def)] ?? iso,
      updatedAt: iso,
      archived: false,
    };
    portal.records.get(def.objectTypeId)?.set(id, record);
    this.index(record);
    this.emit({
      portalId,
      objectTypeId: def.objectTypeId,
      objectId: id,
      kind: 'creation',
      occurredAt: now,
      ...ctx,
    });
    for (const [name, value] of Object.entries(values)) {
      if (value !== null && value !== '') this.emitProperty(portalId, def, id, name, value, now, ctx);
    }
    return record;
  }

  update(
    portalId: number,
    type: string,
    id: string,
    properties: Record<string, unknown>,
    ctx: WriteContext = UI,
  ): HsRecord {
    const def = this.type(portalId, type);
    const record = this.require(portalId, def.objectTypeId, id);
    const values = this.validate(portalId, def.objectTypeId, properties, ctx);
    const now = this.clock();
    const iso = new Date(now).toISOString();
    const changed = Object.entries(values).filter(
      ([name, value]) => (record.properties[name] ?? null) !== value,
    );
    Object.assign(record.properties, values);
    if (def.objectTypeId === '0-3')
      Object.assign(record.properties, derivedDealProperties(record.properties.dealstage));
    if (changed.length > 0) {
      record.properties[modifiedProperty(def)] = iso;
      record.updatedAt = iso;
      this.index(record);
    }
    for (const [name, value] of changed) this.emitProperty(portalId, def, id, name, value ?? '', now, ctx);
    return record;
  }

  archive(portalId: number, type: string, id: string, ctx: WriteContext = UI): void {
    const def = this.type(portalId, type);
    const record = this.get(portalId, def.objectTypeId, id);
    if (!record) return; // HubSpot answers 204 for ids that are already gone.
    const now = this.clock();
    record.archived = true;
    record.archivedAt = new Date(now).toISOString();
    delete record.indexed;
    delete record.pendingIndex;
    this.emit({
      portalId,
      objectTypeId: def.objectTypeId,
      objectId: id,
      kind: 'deletion',
      occurredAt: now,
      ...ctx,
    });
  }

  // ---- associations ----

  associate(
    portalId: number,
    fromType: string,
    fromId: string,
    toType: string,
    toId: string,
    typeIds: number[] = [],
    ctx: WriteContext = UI,
  ): void {
    const portal = this.portal(portalId);
    const from = this.type(portalId, fromType).objectTypeId;
    const to = this.type(portalId, toType).objectTypeId;
    this.require(portalId, from, fromId);
    this.require(portalId, to, toId);
    const registry = portal.associationTypes;
    // Every association also carries the pair's unlabeled type, as HubSpot's v4 reads show.
    const forward = new Set([registry.unlabeled(from, to).typeId, ...typeIds]);
    const added = this.addEdges(portal, from, fromId, to, toId, forward);
    this.addEdges(
      portal,
      to,
      toId,
      from,
      fromId,
      new Set([...forward].map((t) => registry.inverse(from, to, t))),
    );
    for (const typeId of added) {
      this.emit({
        portalId,
        objectTypeId: from,
        objectId: fromId,
        kind: 'associationChange',
        occurredAt: this.clock(),
        ...ctx,
        association: { toObjectTypeId: to, toObjectId: toId, associationTypeId: typeId, removed: false },
      });
    }
  }

  /** Removes the given types, or every type between the two records when none are named. */
  unassociate(
    portalId: number,
    fromType: string,
    fromId: string,
    toType: string,
    toId: string,
    typeIds?: number[],
    ctx: WriteContext = UI,
  ): void {
    const portal = this.portal(portalId);
    const from = this.type(portalId, fromType).objectTypeId;
    const to = this.type(portalId, toType).objectTypeId;
    const forward = portal.edges.get(`${from}:${fromId}:${to}`)?.get(toId);
    if (!forward) return;
    const removing = typeIds && typeIds.length > 0 ? typeIds.filter((t) => forward.has(t)) : [...forward];
    const backward = portal.edges.get(`${to}:${toId}:${from}`)?.get(fromId);
    for (const typeId of removing) {
      forward.delete(typeId);
      backward?.delete(portal.associationTypes.inverse(from, to, typeId));
      this.emit({
        portalId,
        objectTypeId: from,
        objectId: fromId,
        kind: 'associationChange',
        occurredAt: this.clock(),
        ...ctx,
        association: { toObjectTypeId: to, toObjectId: toId, associationTypeId: typeId, removed: true },
      });
    }
    if (forward.size === 0) portal.edges.get(`${from}:${fromId}:${to}`)?.delete(toId);
    if (backward && backward.size === 0) portal.edges.get(`${to}:${toId}:${from}`)?.delete(fromId);
  }

  /** Associated ids (in id order) with their type ids, skipping archived targets. */
  associations(
    portalId: number,
    fromType: string,
    fromId: string,
    toType: string,
  ): { toId: string; typeIds: number[] }[] {
    const portal = this.portal(portalId);
    const from = this.type(portalId, fromType).objectTypeId;
    const to = this.type(portalId, toType).objectTypeId;
    const targets = portal.edges.get(`${from}:${fromId}:${to}`);
    if (!targets) return [];
    return [...targets.entries()]
      .filter(([toId]) => this.get(portalId, to, toId) !== undefined)
      .map(([toId, typeIds]) => ({ toId, typeIds: [...typeIds].sort((a, b) => a - b) }))
      .sort((a, b) => Number(a.toId) - Number(b.toId));
  }

  // ---- internals ----

  private addEdges(
    portal: Portal,
    from: string,
    fromId: string,
    to: string,
    toId: string,
    typeIds: Set<number>,
  ): number[] {
    const key = `${from}:${fromId}:${to}`;
    const targets = portal.edges.get(key) ?? new Map<string, Set<number>>();
    portal.edges.set(key, targets);
    const existing = targets.get(toId) ?? new Set<number>();
    targets.set(toId, existing);
    const added = [...typeIds].filter((t) => !existing.has(t));
    for (const t of added) existing.add(t);
    return added;
  }

  private index(record: HsRecord): void {
    const snapshot = { ...record.properties };
    if (this.searchIndexDelayMs <= 0) {
      record.indexed = snapshot;
      delete record.pendingIndex;
    } else {
      record.pendingIndex = { properties: snapshot, visibleAt: this.clock() + this.searchIndexDelayMs };
    }
  }

  /** Validates property values the way HubSpot does and normalises dates to ISO strings. */
  validate(
    portalId: number,
    type: string,
    input: Record<string, unknown>,
    ctx: WriteContext = UI,
  ): Record<string, string | null> {
    const portal = this.portal(portalId);
    const def = this.type(portalId, type);
    const definitions = portal.properties.get(def.objectTypeId) ?? new Map<string, PropertyDef>();
    const errors: PropertyValidationError[] = [];
    const out: Record<string, string | null> = {};
    const fail = (name: string, error: PropertyValidationError['error'], message: string): void => {
      errors.push({
        isValid: false,
        message,
        error,
        name,
        localizedErrorMessage: message,
        portalId: portal.id,
      });
    };
    for (const [name, raw] of Object.entries(input)) {
      const value = raw === null || raw === undefined ? null : String(raw);
      const property = definitions.get(name);
      if (!property || property.archived) {
        fail(name, 'PROPERTY_DOESNT_EXIST', `Property "${name}" does not exist`);
        continue;
      }
      if (ctx.validate !== false && property.readOnlyValue) {
        fail(name, 'READ_ONLY_VALUE', `"${name}" is a read only property; its value cannot be set.`);
        continue;
      }
      if (value === null || value === '') {
        out[name] = value;
        continue;
      }
      if (property.type === 'enumeration' && !property.externalOptions && property.options.length > 0) {
        const allowed = new Set(property.options.map((o) => o.value));
        const bad = value.split(';').find((v) => !allowed.has(v));
        if (bad !== undefined) {
          fail(
            name,
            'INVALID_OPTION',
            `${bad} was not one of the allowed options: ${[...allowed].join(', ')}`,
          );
          continue;
        }
      }
      if (property.type === 'date' || property.type === 'datetime') {
        const iso = toIso(value, property.type);
        if (iso === undefined) {
          fail(name, 'INVALID_DATE', `${value} is not a valid date for property ${name}`);
          continue;
        }
        out[name] = iso;
        continue;
      }
      if (property.type === 'number' && Number.isNaN(Number(value))) {
        fail(name, 'INVALID_INTEGER', `${value} was not a valid number.`);
        continue;
      }
      out[name] = value;
    }
    if (errors.length > 0) throw propertyValidationError(errors);
    return out;
  }

  private checkUnique(portal: Portal, def: ObjectTypeDef, values: Record<string, string | null>): void {
    for (const property of portal.properties.get(def.objectTypeId)?.values() ?? []) {
      const value = values[property.name];
      if (!property.hasUniqueValue || value === null || value === undefined) continue;
      const existing = this.findBy(portal.id, def.objectTypeId, property.name, value);
      if (existing) {
        const label = def.singular.charAt(0).toUpperCase() + def.singular.slice(1);
        throw new HsApiError(409, 'CONFLICT', `${label} already exists. Existing ID: ${existing.id}`);
      }
    }
  }

  private emitProperty(
    portalId: number,
    def: ObjectTypeDef,
    id: string,
    name: string,
    value: string,
    at: number,
    ctx: WriteContext,
  ): void {
    this.emit({
      portalId,
      objectTypeId: def.objectTypeId,
      objectId: id,
      kind: 'propertyChange',
      occurredAt: at,
      propertyName: name,
      propertyValue: value,
      ...ctx,
    });
  }

  private emit(event: ChangeEvent): void {
    const { validate: _ignored, ...clean } = event as ChangeEvent & { validate?: boolean };
    for (const listener of this.listeners) listener(clean);
  }
}
