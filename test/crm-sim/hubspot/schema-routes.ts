import { Router } from 'express';
import { requireScopes } from './auth.js';
import { portalOf, type HubSpotContext } from './context.js';
import { propertyDef, type PropertyDef } from './default-properties.js';
import { HsApiError, notFound } from './errors.js';
import { addType, resolveType, type CustomSchema, type Portal } from './portal.js';

type SchemaInput = {
  name?: string;
  labels?: { singular: string; plural: string };
  description?: string;
  primaryDisplayProperty?: string;
  requiredProperties?: string[];
  searchableProperties?: string[];
  secondaryDisplayProperties?: string[];
  associatedObjects?: string[];
  properties?: (Partial<PropertyDef> & { name: string; label: string; type: PropertyDef['type'] })[];
};

const present = (portal: Portal, schema: CustomSchema) => ({
  ...schema,
  properties: [...(portal.properties.get(schema.objectTypeId)?.values() ?? [])].filter((p) => !p.archived),
});

/**
 * Custom object schemas (`/crm-object-schemas/v3/schemas`); types get ids `2-NNN`. Reads need
 * `crm.schemas.custom.read` and changes `crm.schemas.custom.write`, which accounts without custom
 * objects never grant: there every call here is a 403.
 */
export const schemaRoutes = (ctx: HubSpotContext): Router => {
  const router = Router();
  const { store } = ctx;

  router.use(
    '/crm-object-schemas/v3/schemas',
    requireScopes((req) =>
      req.method === 'GET' ? ['crm.schemas.custom.read'] : ['crm.schemas.custom.write'],
    ),
  );

  const find = (portal: Portal, alias: string): CustomSchema => {
    const def = resolveType(portal, alias);
    const schema = def ? portal.schemas.get(def.objectTypeId) : undefined;
    if (!schema || schema.archived) throw notFound();
    return schema;
  };

  router.get('/crm-object-schemas/v3/schemas', (req, res) => {
    const portal = store.portal(portalOf(res));
    const archived = req.query.archived === 'true';
    res.json({
      results: [...portal.schemas.values()]
        .filter((s) => s.archived === archived)
        .map((s) => present(portal, s)),
    });
  });

  router.get('/crm-object-schemas/v3/schemas/:type', (req, res) => {
    const portal = store.portal(portalOf(res));
    res.json(present(portal, find(portal, req.params.type)));
  });

  router.post('/crm-object-schemas/v3/schemas', (req, res) => {
    const portal = store.portal(portalOf(res));
    const input = req.body as SchemaInput;
    if (!input.name || !input.labels || !input.properties?.length) {
      throw new HsApiError(400, 'VALIDATION_ERROR', 'name, labels and at least one property are required');
    }
    if (resolveType(portal, input.name)) {
      throw new HsApiError(
        409,
        'OBJECT_ALREADY_EXISTS',
        `Object type with name ${input.name} already exists`,
      );
    }
    const at = new Date(ctx.clock()).toISOString();
    const number = portal.nextCustomTypeId++;
    const objectTypeId = `2-${number}`;
    const fullyQualifiedName = `p${portal.id}_${input.name}`;
    const group = `${input.name}_information`;
    const builtIn: PropertyDef[] = [
      propertyDef({ name: 'hs_object_id', label: 'Record ID', type: 'number', readOnlyValue: true }, group),
      propertyDef(
        { name: 'hs_createdate', label: 'Create Date', type: 'datetime', readOnlyValue: true },
        group,
      ),
      propertyDef(
        { name: 'hs_lastmodifieddate', label: 'Last Modified Date', type: 'datetime', readOnlyValue: true },
        group,
      ),
      propertyDef(
        {
          name: 'hubspot_owner_id',
          label: 'Owner',
          type: 'enumeration',
          externalOptions: true,
          referencedObjectType: 'OWNER',
        },
        group,
      ),
    ];
    const own = input.properties.map((p, i) =>
      propertyDef(
        {
          ...p,
          displayOrder: i,
          options: (p.options ?? []).map((o, j) => ({
            ...o,
            hidden: o.hidden ?? false,
            displayOrder: o.displayOrder ?? j,
          })),
          createdAt: at,
          updatedAt: at,
        },
        p.groupName ?? group,
        false,
      ),
    );
    addType(
      portal,
      {
        objectTypeId,
        name: input.name,
        singular: input.name,
        fullyQualifiedName,
        defaultProperties: [],
        searchableProperties: input.searchableProperties ?? [
          input.primaryDisplayProperty ?? own[0]?.name ?? '',
        ],
        custom: true,
      },
      [...builtIn, ...own],
      [{ name: group, label: `${input.labels.singular} information`, displayOrder: -1, archived: false }],
    );
    const schema: CustomSchema = {
      id: String(number),
      objectTypeId,
      name: input.name,
      fullyQualifiedName,
      labels: input.labels,
      ...(input.description ? { description: input.description } : {}),
      primaryDisplayProperty: input.primaryDisplayProperty ?? own[0]?.name ?? 'hs_object_id',
      requiredProperties: input.requiredProperties ?? [],
      searchableProperties: input.searchableProperties ?? [],
      secondaryDisplayProperties: input.secondaryDisplayProperties ?? [],
      associations: [],
      createdAt: at,
      updatedAt: at,
      archived: false,
    };
    portal.schemas.set(objectTypeId, schema);
    for (const target of input.associatedObjects ?? []) {
      const to = store.type(portal.id, target).objectTypeId;
      const typeId = portal.associationTypes.define(
        objectTypeId,
        to,
        `${input.name}_to_${target.toLowerCase()}`,
      );
      schema.associations.push({
        id: String(typeId),
        fromObjectTypeId: objectTypeId,
        toObjectTypeId: to,
        name: `${input.name}_to_${target.toLowerCase()}`,
        createdAt: at,
        updatedAt: at,
      });
    }
    res.status(201).json(present(portal, schema));
  });

  router.patch('/crm-object-schemas/v3/schemas/:type', (req, res) => {
    const portal = store.portal(portalOf(res));
    const schema = find(portal, req.params.type);
    const input = req.body as SchemaInput;
    for (const key of [
      'labels',
      'description',
      'primaryDisplayProperty',
      'requiredProperties',
      'searchableProperties',
      'secondaryDisplayProperties',
    ] as const) {
      if (input[key] !== undefined) Object.assign(schema, { [key]: input[key] });
    }
    schema.updatedAt = new Date(ctx.clock()).toISOString();
    res.json(present(portal, schema));
  });

  router.delete('/crm-object-schemas/v3/schemas/:type', (req, res) => {
    const portal = store.portal(portalOf(res));
    const schema = find(portal, req.params.type);
    if (store.list(portal.id, schema.objectTypeId).length > 0) {
      throw new HsApiError(400, 'VALIDATION_ERROR', 'Object type has existing records; delete them first');
    }
    schema.archived = true;
    res.status(204).end();
  });

  router.post('/crm-object-schemas/v3/schemas/:type/associations', (req, res) => {
    const portal = store.portal(portalOf(res));
    const schema = find(portal, req.params.type);
    const input = req.body as { fromObjectTypeId?: string; toObjectTypeId?: string; name?: string };
    const from = store.type(portal.id, input.fromObjectTypeId ?? schema.objectTypeId).objectTypeId;
    const to = store.type(portal.id, input.toObjectTypeId ?? '').objectTypeId;
    const name = input.name ?? `${from}_to_${to}`;
    const typeId = portal.associationTypes.define(from, to, name);
    const at = new Date(ctx.clock()).toISOString();
    const definition = {
      id: String(typeId),
      fromObjectTypeId: from,
      toObjectTypeId: to,
      name,
      createdAt: at,
      updatedAt: at,
    };
    schema.associations.push(definition);
    res.status(201).json(definition);
  });

  return router;
};
