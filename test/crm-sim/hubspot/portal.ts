import { AssociationTypeRegistry } from './association-types.js';
import { standardGroups, standardProperties, type GroupDef, type PropertyDef } from './default-properties.js';
import { STANDARD_TYPES, typeAliases, type ObjectTypeDef } from './object-types.js';

export type HsRecord = {
  id: string;
  objectTypeId: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
  /** What search sees. Undefined until the record is first indexed. */
  indexed?: Record<string, string | null>;
  /** The next version search will see once the indexing delay has passed. */
  pendingIndex?: { properties: Record<string, string | null>; visibleAt: number };
};

export type Owner = {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  userId: number;
  userIdIncludingInactive: number;
  type: 'PERSON';
  teams: { id: string; name: string; primary: boolean }[];
  createdAt: string;
  updatedAt: string;
  archived: boolean;
};

export type AssociationDefinition = {
  id: string;
  fromObjectTypeId: string;
  toObjectTypeId: string;
  name: string;
  createdAt: string;
  updatedAt: string;
};

export type CustomSchema = {
  id: string;
  objectTypeId: string;
  name: string;
  fullyQualifiedName: string;
  labels: { singular: string; plural: string };
  description?: string;
  primaryDisplayProperty: string;
  requiredProperties: string[];
  searchableProperties: string[];
  secondaryDisplayProperties: string[];
  associations: AssociationDefinition[];
  createdAt: string;
  updatedAt: string;
  archived: boolean;
};

/** Edges keyed by `fromType:fromId:toType`, then by target id, holding the association type ids. */
export type AssociationEdges = Map<string, Map<string, Set<number>>>;

/** One HubSpot account ("portal", "hub"): every record and setting the simulator holds for it. */
export type Portal = {
  id: number;
  domain: string;
  types: Map<string, ObjectTypeDef>;
  records: Map<string, Map<string, HsRecord>>;
  properties: Map<string, Map<string, PropertyDef>>;
  groups: Map<string, Map<string, GroupDef>>;
  edges: AssociationEdges;
  associationTypes: AssociationTypeRegistry;
  owners: Owner[];
  schemas: Map<string, CustomSchema>;
  /**
   * Whether the account has custom objects (Enterprise). Without them HubSpot does not grant the
   * custom-object scopes an app asks for as optional, so the schemas API answers 403.
   */
  customObjects: boolean;
  /** Where the account's data lives: `na1` (app.hubspot.com) or, say, `eu1` (app-eu1.hubspot.com). */
  dataHostingLocation: string;
  nextId: number;
  nextCustomTypeId: number;
};

export const createPortal = (id: number): Portal => {
  const portal: Portal = {
    id,
    domain: `portal-${id}.hubspot.example`,
    types: new Map(),
    records: new Map(),
    properties: new Map(),
    groups: new Map(),
    edges: new Map(),
    associationTypes: new AssociationTypeRegistry(),
    owners: [],
    schemas: new Map(),
    customObjects: true,
    dataHostingLocation: 'na1',
    // HubSpot record ids are large integers; start high so they look like real ones.
    nextId: 10_000_000_000 + (id % 1000) * 1_000_000,
    nextCustomTypeId: 1_000 + (id % 1000) * 10,
  };
  for (const def of STANDARD_TYPES)
    addType(portal, def, standardProperties(def.objectTypeId), standardGroups(def.objectTypeId));
  return portal;
};

export const addType = (
  portal: Portal,
  def: ObjectTypeDef,
  properties: PropertyDef[],
  groups: GroupDef[],
): void => {
  portal.types.set(def.objectTypeId, def);
  portal.records.set(def.objectTypeId, new Map());
  portal.properties.set(def.objectTypeId, new Map(properties.map((p) => [p.name, p])));
  portal.groups.set(def.objectTypeId, new Map(groups.map((g) => [g.name, g])));
};

/** Finds a type by any name HubSpot accepts for it: `deals`, `deal`, `0-3`, `2-1234`, `p123_thing`. */
export const resolveType = (portal: Portal, alias: string): ObjectTypeDef | undefined => {
  const wanted = alias.toLowerCase();
  for (const def of portal.types.values()) if (typeAliases(def).includes(wanted)) return def;
  return undefined;
};
