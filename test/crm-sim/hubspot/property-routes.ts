import { Router } from 'express';
import { portalOf, type HubSpotContext } from './context.js';
import { propertyDef, type GroupDef, type PropertyDef } from './default-properties.js';
import { HsApiError, notFound } from './errors.js';
import { batchEnvelope } from './present.js';

const nowIso = (ctx: HubSpotContext): string => new Date(ctx.clock()).toISOString();

/** Properties and property groups per object type (`/crm/v3/properties/{type}`). */
export const propertyRoutes = (ctx: HubSpotContext): Router => {
  const router = Router();
  const { store } = ctx;

  const propertiesOf = (portalId: number, type: string): Map<string, PropertyDef> => {
    const def = store.type(portalId, type);
    return store.portal(portalId).properties.get(def.objectTypeId) as Map<string, PropertyDef>;
  };
  const groupsOf = (portalId: number, type: string): Map<string, GroupDef> => {
    const def = store.type(portalId, type);
    return store.portal(portalId).groups.get(def.objectTypeId) as Map<string, GroupDef>;
  };

  const createProperty = (portalId: number, type: string, input: Partial<PropertyDef>): PropertyDef => {
    const properties = propertiesOf(portalId, type);
    if (!input.name || !input.label || !input.type || !input.groupName) {
      throw new HsApiError(
        400,
        'VALIDATION_ERROR',
        'name, label, type, fieldType and groupName are required',
      );
    }
    if (properties.get(input.name)?.archived === false) {
      throw new HsApiError(409, 'OBJECT_ALREADY_EXISTS', `Property named '${input.name}' already exists.`);
    }
    if (!groupsOf(portalId, type).has(input.groupName)) {
      throw new HsApiError(400, 'VALIDATION_ERROR', `Property group '${input.groupName}' does not exist.`);
    }
    const at = nowIso(ctx);
    const property = propertyDef(
      {
        ...input,
        name: input.name,
        label: input.label,
        type: input.type,
        options: (input.options ?? []).map((o, i) => ({
          ...o,
          hidden: o.hidden ?? false,
          displayOrder: o.displayOrder ?? i,
        })),
        createdAt: at,
        updatedAt: at,
      },
      input.groupName,
      false,
    );
    properties.set(property.name, property);
    return property;
  };

  router.get('/crm/v3/properties/:type/groups', (req, res) => {
    res.json({ results: [...groupsOf(portalOf(res), req.params.type).values()].filter((g) => !g.archived) });
  });
  router.get('/crm/v3/properties/:type/groups/:name', (req, res) => {
    const group = groupsOf(portalOf(res), req.params.type).get(req.params.name);
    if (!group || group.archived) throw notFound();
    res.json(group);
  });
  router.post('/crm/v3/properties/:type/groups', (req, res) => {
    const groups = groupsOf(portalOf(res), req.params.type);
    const input = req.body as Partial<GroupDef>;
    if (!input.name || !input.label)
      throw new HsApiError(400, 'VALIDATION_ERROR', 'name and label are required');
    if (groups.get(input.name)?.archived === false) {
      throw new HsApiError(
        409,
        'OBJECT_ALREADY_EXISTS',
        `A property group named '${input.name}' already exists.`,
      );
    }
    const group: GroupDef = {
      name: input.name,
      label: input.label,
      displayOrder: input.displayOrder ?? -1,
      archived: false,
    };
    groups.set(group.name, group);
    res.status(201).json(group);
  });
  router.patch('/crm/v3/properties/:type/groups/:name', (req, res) => {
    const group = groupsOf(portalOf(res), req.params.type).get(req.params.name);
    if (!group || group.archived) throw notFound();
    Object.assign(group, req.body as Partial<GroupDef>, { name: group.name });
    res.json(group);
  });
  router.delete('/crm/v3/properties/:type/groups/:name', (req, res) => {
    const group = groupsOf(portalOf(res), req.params.type).get(req.params.name);
    if (group) group.archived = true;
    res.status(204).end();
  });

  router.post('/crm/v3/properties/:type/batch/create', (req, res) => {
    const startedAt = nowIso(ctx);
    const inputs = (req.body as { inputs?: Partial<PropertyDef>[] }).inputs ?? [];
    const results = inputs.map((input) => createProperty(portalOf(res), req.params.type, input));
    res.status(201).json(batchEnvelope(startedAt, results));
  });
  router.post('/crm/v3/properties/:type/batch/read', (req, res) => {
    const startedAt = nowIso(ctx);
    const properties = propertiesOf(portalOf(res), req.params.type);
    const names = ((req.body as { inputs?: { name: string }[] }).inputs ?? []).map((i) => i.name);
    const results = names
      .map((n) => properties.get(n))
      .filter((p): p is PropertyDef => p !== undefined && !p.archived);
    res.json(batchEnvelope(startedAt, results));
  });
  router.post('/crm/v3/properties/:type/batch/archive', (req, res) => {
    const properties = propertiesOf(portalOf(res), req.params.type);
    for (const { name } of (req.body as { inputs?: { name: string }[] }).inputs ?? []) {
      const property = properties.get(name);
      if (property && !property.hubspotDefined) property.archived = true;
    }
    res.status(204).end();
  });

  router.get('/crm/v3/properties/:type', (req, res) => {
    const archived = req.query.archived === 'true';
    res.json({
      results: [...propertiesOf(portalOf(res), req.params.type).values()].filter(
        (p) => p.archived === archived,
      ),
    });
  });
  router.get('/crm/v3/properties/:type/:name', (req, res) => {
    const property = propertiesOf(portalOf(res), req.params.type).get(req.params.name);
    if (!property || property.archived) throw notFound();
    res.json(property);
  });
  router.post('/crm/v3/properties/:type', (req, res) => {
    res.status(201).json(createProperty(portalOf(res), req.params.type, req.body as Partial<PropertyDef>));
  });
  router.patch('/crm/v3/properties/:type/:name', (req, res) => {
    const property = propertiesOf(portalOf(res), req.params.type).get(req.params.name);
    if (!property || property.archived) throw notFound();
    const input = req.body as Partial<PropertyDef>;
    Object.assign(property, input, { name: property.name, updatedAt: nowIso(ctx) });
    if (input.options)
      property.options = input.options.map((o, i) => ({
        ...o,
        hidden: o.hidden ?? false,
        displayOrder: o.displayOrder ?? i,
      }));
    res.json(property);
  });
  router.delete('/crm/v3/properties/:type/:name', (req, res) => {
    const property = propertiesOf(portalOf(res), req.params.type).get(req.params.name);
    if (property?.hubspotDefined)
      throw new HsApiError(400, 'VALIDATION_ERROR', `Can't delete HubSpot-defined property ${property.name}`);
    if (property) {
      property.archived = true;
      property.archivedAt = nowIso(ctx);
    }
    res.status(204).end();
  });

  return router;
};
