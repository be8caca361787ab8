/** How one CRM object type is named on the different HubSpot surfaces. */
export type ObjectTypeDef = {
  objectTypeId: string;
  /** Path name in `/crm/v3/objects/{name}` (plural for standard objects). */
  name: string;
  /** Legacy webhook prefix and v3 association type stem, e.g. `deal` in `deal.creation`. */
  singular: string;
  fullyQualifiedName: string;
  /** Properties returned when a read names none. */
  defaultProperties: readonly string[];
  /** Properties the free-text `query` of a search looks in. */
  searchableProperties: readonly string[];
  custom: boolean;
};

export const STANDARD_TYPES: readonly ObjectTypeDef[] = [
  {
    objectTypeId: '0-1',
    name: 'contacts',
    singular: 'contact',
    fullyQualifiedName: 'contact',
    defaultProperties: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
    searchableProperties: ['firstname', 'lastname', 'email', 'phone', 'company'],
    custom: false,
  },
  {
    objectTypeId: '0-2',
    name: 'companies',
    singular: 'company',
    fullyQualifiedName: 'company',
    defaultProperties: ['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name'],
    searchableProperties: ['name', 'domain', 'website', 'phone'],
    custom: false,
  },
  {
    objectTypeId: '0-3',
    name: 'deals',
    singular: 'deal',
    fullyQualifiedName: 'deal',
    defaultProperties: [
      'amount',
      'closedate',
      'createdate',
      'dealname',
      'dealstage',
      'hs_lastmodifieddate',
      'hs_object_id',
      'pipeline',
    ],
    searchableProperties: ['dealname'],
    custom: false,
  },
];

/** Identifiers HubSpot accepts for a type: plural, singular, objectTypeId or fully qualified name. */
export const typeAliases = (def: ObjectTypeDef): string[] =>
  [def.name, def.singular, def.objectTypeId, def.fullyQualifiedName].map((a) => a.toLowerCase());
