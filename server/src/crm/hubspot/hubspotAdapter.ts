import type { Client } from '@hubspot/api-client';
import type {
  CrmChangedPage,
  CrmEntity,
  CrmObjectKind,
  CrmPage,
  CrmPort,
  CrmSplit,
  FieldWrite,
  FieldWriteResult,
  MappingPreview,
  ProvisioningResult,
} from '../crmPort.js';
import { CrmErrors, isCrmError } from '../crmErrors.js';
import { ententeFieldNames, fieldText, type EntenteField } from '@entente/shared/domain';
import type { CallExecutor } from './callExecutor.js';
import { checkMappedProperties, resolveFieldMapping, type FieldMapping } from './fieldMapping.js';
import { decodeSlice, inSlice, isSliceCursor, nextInSlice, planSlices } from './idSlices.js';
import { inlineAssociations } from './inlineAssociations.js';
import { ENTENTE_GROUP, ENTENTE_PROPERTIES, REGISTRATION_SCHEMA } from './ententeProperties.js';
import {
  hubspotIds,
  propertiesToRead,
  toAccount,
  toContact,
  toDeal,
  toDealSignals,
  toUser,
  type HubSpotRecord,
} from './toDomain.js';

type ObjectKind = Exclude<CrmObjectKind, 'owners'>;

const BATCH = 100;
/** Search pages hold at most 200 and a query reaches at most 10,000 results. */
const SEARCH_PAGE = 200;
const SEARCH_CEILING = 10_000;
const PRIMARY_DEAL_TO_COMPANY = 5;
/** What a deal needs besides its properties, asked for inline with each page. */
const DEAL_ASSOCIATIONS = ['companies', 'contacts'] as const;
type AssociationTarget = (typeof DEAL_ASSOCIATIONS)[number];

const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

const modifiedProperty = (kind: ObjectKind) =>
  kind === 'contacts' ? 'lastmodifieddate' : 'hs_lastmodifieddate';

/** HubSpot's answer when the portal has no custom objects or the app was not granted their scopes. */
const customObjectsRefused = (error: unknown): boolean => {
  if (!isCrmError(error, 'CRM.REQUEST_REJECTED')) return false;
  const status = (error as { details?: { status?: number } }).details?.status;
  return status === 403 || status === 402;
};

/** Entente's fields as HubSpot properties; anything else is refused (field ownership). */
export const toHubSpotProperties = (fields: Record<string, unknown>): Record<string, string> => {
  const properties: Record<string, string> = {};
  for (const [field, value] of Object.entries(fields)) {
    if (!ententeFieldNames.includes(field as EntenteField)) throw CrmErrors.fieldNotOwned(field);
    properties[ENTENTE_PROPERTIES[field as EntenteField].name] =
      fieldText(field as EntenteField, value as never) ?? '';
  }
  return properties;
};

/** The CrmPort for one HubSpot portal. HubSpot shapes stop here: the port speaks domain types. */
export const createHubSpotAdapter = (deps: {
  tenantId: string;
  execute: CallExecutor;
  loadMapping: () => Promise<unknown>;
  defaultCurrency: string;
  now: () => Date;
}): CrmPort => {
  const { tenantId, execute } = deps;
  let mapping: Promise<FieldMapping> | undefined;
  const fieldMapping = () => (mapping ??= deps.loadMapping().then(resolveFieldMapping));
  const call = <T>(work: (client: Client) => Promise<T>) => execute(tenantId, 'standard', work);
  const search = <T>(work: (client: Client) => Promise<T>) => execute(tenantId, 'search', work);

  type Associated = { toObjectId: number | string; associationTypes: { typeId: number }[] };

  /**
   * The rest of one deal's associations when a batch read cut its list short: v4 batch reads are
   * paged per input record (`paging.next.after` on the result), continued one record at a time.
   */
  const remainingAssociations = async (dealId: string, to: AssociationTarget, after: string) => {
    const rest: Associated[] = [];
    for (let cursor: string | undefined = after; cursor;) {
      const page = await call((client) =>
        client.crm.associations.v4.basicApi.getPage('deals', dealId, to, cursor, 500),
      );
      rest.push(...page.results);
      cursor = page.paging?.next?.after;
    }
    return rest;
  };

  /** deal id → associated ids (v4), primary company first. */
  const associations = async (dealIds: readonly string[], to: AssociationTarget) => {
    const found = new Map<string, string[]>();
    for (const ids of chunks(dealIds, 1000)) {
      if (ids.length === 0) continue;
      const response = await call((client) =>
        client.crm.associations.v4.batchApi.getPage('deals', to, { inputs: ids.map((id) => ({ id })) }),
      );
      for (const result of response.results) {
        const after = result.paging?.next?.after;
        const all: Associated[] = after
          ? [...result.to, ...(await remainingAssociations(result._from.id, to, after))]
          : result.to;
        const sorted = [...all].sort(
          (a, b) =>
            Number(b.associationTypes.some((t) => t.typeId === PRIMARY_DEAL_TO_COMPANY)) -
            Number(a.associationTypes.some((t) => t.typeId === PRIMARY_DEAL_TO_COMPANY)),
        );
        found.set(result._from.id, [...new Set(sorted.map((t) => String(t.toObjectId)))]);
      }
    }
    return found;
  };

  /**
   * Associations for deals: taken from the page when it carried them inline, and read in v4
   * batches only for deals whose inline list was cut short (HubSpot sends at most 100 per type)
   * or when the read could not carry them (batch read, search).
   */
  const dealAssociations = async (
    records: readonly HubSpotRecord[],
    inline: boolean,
    to: AssociationTarget,
  ) => {
    const found = new Map<string, string[]>();
    const missing: string[] = [];
    for (const record of records) {
      const listed = inline ? inlineAssociations(record, to) : undefined;
      if (listed && !listed.truncated) found.set(record.id, listed.ids);
      else missing.push(record.id);
    }
    for (const [id, ids] of await associations(missing, to)) found.set(id, ids);
    return found;
  };

  const toEntities = async (
    kind: ObjectKind,
    records: readonly HubSpotRecord[],
    inline = false,
  ): Promise<CrmEntity[]> => {
    const map = await fieldMapping();
    if (kind === 'companies') return records.map((r) => ({ kind, account: toAccount(r, map) }));
    if (kind === 'contacts') return records.map((r) => ({ kind, contact: toContact(r, map) }));
    const [companies, contacts] = [
      await dealAssociations(records, inline, 'companies'),
      await dealAssociations(records, inline, 'contacts'),
    ];
    const nowIso = deps.now().toISOString();
    return records.map((r) => ({
      kind: 'deals' as const,
      deal: toDeal(r, map, companies.get(r.id)?.[0], deps.defaultCurrency, nowIso),
      contactIds: (contacts.get(r.id) ?? []).map((id) => `hs-contact-${id}`),
      signals: toDealSignals(r, map),
    }));
  };

  /**
   * The lowest id (a one-record list page) and the highest with the total (a one-result search,
   * which has its own budget), read at once.
   */
  const idRange = async (kind: ObjectKind) => {
    const [firstPage, lastSearch] = await Promise.all([
      call((client) => client.crm.objects.basicApi.getPage(kind, 1, undefined, ['hs_object_id'])),
      search((client) =>
        client.crm.objects.searchApi.doSearch(kind, {
          filterGroups: [],
          properties: ['hs_object_id'],
          sorts: [{ propertyName: 'hs_object_id', direction: 'DESCENDING' } as never],
          limit: 1,
          after: '0',
        }),
      ),
    ]);
    const first = Number(firstPage.results[0]?.id);
    const last = Number(lastSearch.results[0]?.id);
    return {
      first: Number.isSafeInteger(first) ? first : undefined,
      last: Number.isSafeInteger(last) ? last : undefined,
      total: lastSearch.total,
    };
  };

  const propertyNames = async (objectType: string): Promise<Set<string>> => {
    const response = await call((client) => client.crm.properties.coreApi.getAll(objectType, false));
    return new Set(response.results.map((p) => p.name));
  };

  /** The portal's properties of an object type, by name, with their HubSpot `type`, and the options of one. */
  const propertyTypes = async (objectType: string, optionsOf?: string) => {
    const response = await call((client) => client.crm.properties.coreApi.getAll(objectType, false));
    const types = new Map(response.results.map((p) => [p.name, p.type]));
    const options = response.results.find((p) => p.name === optionsOf)?.options ?? [];
    return { types, options: new Set(options.map((o) => o.value)) };
  };

  /**
   * A candidate mapping parsed (zod) and checked against the portal's properties and their types,
   * and its renewal pipelines against the deal pipelines (the options of the `pipeline` property).
   */
  const checkedMapping = async (input: unknown): Promise<FieldMapping> => {
    const resolved = resolveFieldMapping(input);
    const [deals, companies, contacts] = await Promise.all([
      propertyTypes('deals', 'pipeline'),
      propertyTypes('companies'),
      propertyTypes('contacts'),
    ]);
    checkMappedProperties(resolved, {
      deals: deals.types,
      companies: companies.types,
      contacts: contacts.types,
      ...(deals.options.size > 0 ? { dealPipelines: deals.options } : {}),
    });
    return resolved;
  };

  return {
    writeBatchSize: BATCH,
    localId: (kind, crmId) =>
      kind === 'deals'
        ? hubspotIds.deal(crmId)
        : kind === 'companies'
          ? hubspotIds.company(crmId)
          : hubspotIds.contact(crmId),

    async readPage(kind, after, limit = BATCH): Promise<CrmPage> {
      if (kind === 'owners') {
        const page = await call((client) =>
          client.crm.owners.ownersApi.getPage(undefined, after, limit, false),
        );
        return {
          entities: page.results.map((owner) => ({ kind: 'owners' as const, user: toUser(owner) })),
          next: page.paging?.next?.after,
        };
      }
      const properties = propertiesToRead(await fieldMapping(), kind);
      const slice = isSliceCursor(after) ? decodeSlice(after) : undefined;
      const inline = kind === 'deals' ? DEAL_ASSOCIATIONS : undefined;
      const page = await call((client) =>
        client.crm.objects.basicApi.getPage(
          kind,
          limit,
          slice ? slice.after : after,
          properties,
          undefined,
          inline ? [...inline] : undefined,
          false,
        ),
      );
      const next = page.paging?.next?.after;
      if (!slice) return { entities: await toEntities(kind, page.results, true), next };
      const records = page.results.filter((r) => inSlice(slice, r.id));
      return { entities: await toEntities(kind, records, true), next: nextInSlice(slice, next) };
    },

    async split(kind, ways): Promise<CrmSplit> {
      if (kind === 'owners' || ways < 2) return { starts: [undefined], total: undefined };
      const { first, last, total } = await idRange(kind);
      // Search lags behind writes, so a newer record may sit above `last`: the last slice is open.
      if (first === undefined || last === undefined || last < first) return { starts: [undefined], total };
      return { starts: planSlices(first, last, ways), total };
    },

    async count(kind) {
      const response = await search((client) =>
        client.crm.objects.searchApi.doSearch(kind, {
          filterGroups: [],
          properties: ['hs_object_id'],
          limit: 1,
          sorts: [],
          after: '0',
        }),
      );
      return response.total;
    },

    async readByIds(kind, crmIds) {
      const properties = propertiesToRead(await fieldMapping(), kind);
      const records: HubSpotRecord[] = [];
      for (const ids of chunks(crmIds, BATCH)) {
        const response = await call((client) =>
          client.crm.objects.batchApi.read(
            kind,
            { inputs: ids.map((id) => ({ id })), properties, propertiesWithHistory: [] },
            false,
          ),
        );
        records.push(...response.results);
      }
      return toEntities(kind, records);
    },

    async readChangedSince(kind, since, after): Promise<CrmChangedPage> {
      const property = modifiedProperty(kind);
      const properties = propertiesToRead(await fieldMapping(), kind);
      const response = await search((client) =>
        client.crm.objects.searchApi.doSearch(kind, {
          filterGroups: [
            {
              filters: [{ propertyName: property, operator: 'GTE' as never, value: String(since.getTime()) }],
            },
          ],
          sorts: [{ propertyName: property, direction: 'ASCENDING' } as never],
          properties,
          limit: SEARCH_PAGE,
          after: after ?? '0',
        }),
      );
      const newest = response.results
        .map((r) => Date.parse(String(r.properties[property] ?? r.updatedAt ?? '')))
        .filter((t) => !Number.isNaN(t))
        .reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
      const next = response.paging?.next?.after;
      return {
        entities: await toEntities(kind, response.results),
        // Past 10,000 results a search cannot page further: the caller restarts from the newest time.
        next: next !== undefined && Number(next) + SEARCH_PAGE <= SEARCH_CEILING ? next : undefined,
        newestModifiedAt: Number.isFinite(newest) ? new Date(newest).toISOString() : undefined,
      };
    },

    async writeEntenteFields(kind, writes: readonly FieldWrite[]): Promise<FieldWriteResult> {
      const result: FieldWriteResult = { written: [], failed: [] };
      for (const batch of chunks(writes, BATCH)) {
        const inputs = batch.map((w) => ({ id: w.crmId, properties: toHubSpotProperties(w.fields) }));
        const response = await call((client) => client.crm.objects.batchApi.update(kind, { inputs }));
        const written = new Set(response.results.map((r) => r.id));
        result.written.push(...written);
        const errors = 'errors' in response ? (response.errors ?? []) : [];
        for (const w of batch) {
          if (written.has(w.crmId)) continue;
          const error =
            errors.find((e) => JSON.stringify(e.context ?? {}).includes(`"${w.crmId}"`)) ?? errors[0];
          result.failed.push({ crmId: w.crmId, reason: error?.message ?? 'not written' });
        }
      }
      return result;
    },

    async provision(): Promise<ProvisioningResult> {
      const created: string[] = [];
      for (const objectType of ['deals', 'companies'] as const) {
        const groups = await call((client) => client.crm.properties.groupsApi.getAll(objectType));
        if (!groups.results.some((g) => g.name === ENTENTE_GROUP.name)) {
          await call((client) => client.crm.properties.groupsApi.create(objectType, { ...ENTENTE_GROUP }));
          created.push(`${objectType}.group:${ENTENTE_GROUP.name}`);
        }
        const existing = await propertyNames(objectType);
        for (const definition of Object.values(ENTENTE_PROPERTIES)) {
          if (existing.has(definition.name)) continue;
          await call((client) =>
            client.crm.properties.coreApi.create(objectType, {
              ...definition,
              groupName: ENTENTE_GROUP.name,
            } as never),
          );
          created.push(`${objectType}.property:${definition.name}`);
        }
      }
      // Custom objects need Enterprise and the custom-object scopes, which most portals do not grant:
      // there the schemas API answers 403 (or 402) to the read as to the create, and registrations
      // live in the properties above plus the service's own store.
      const inProperties: ProvisioningResult = {
        registrationsStore: 'properties',
        registrationsObjectType: null,
        created,
      };
      try {
        const schemas = await call((client) => client.crm.schemas.coreApi.getAll(false));
        const found = schemas.results.find((s) => s.name === REGISTRATION_SCHEMA.name);
        if (found)
          return {
            registrationsStore: 'custom_object',
            registrationsObjectType: found.objectTypeId ?? null,
            created,
          };
        const schema = await call((client) =>
          client.crm.schemas.coreApi.create(REGISTRATION_SCHEMA as never),
        );
        created.push(`schema:${REGISTRATION_SCHEMA.name}`);
        return {
          registrationsStore: 'custom_object',
          registrationsObjectType: schema.objectTypeId ?? null,
          created,
        };
      } catch (error) {
        if (customObjectsRefused(error)) return inProperties;
        throw error;
      }
    },

    async validateMapping(input) {
      await checkedMapping(input);
    },

    async previewMapping(input, limit): Promise<MappingPreview> {
      // The candidate, never the cached stored mapping: nothing is saved until the admin says so.
      const candidate = await checkedMapping(input);
      const size = Math.max(1, Math.min(Math.trunc(limit), BATCH));
      const firstPage = async (kind: ObjectKind) =>
        (
          await call((client) =>
            client.crm.objects.basicApi.getPage(
              kind,
              size,
              undefined,
              propertiesToRead(candidate, kind),
              undefined,
              undefined,
              false,
            ),
          )
        ).results;
      const [deals, companies, contacts] = await Promise.all([
        firstPage('deals'),
        firstPage('companies'),
        firstPage('contacts'),
      ]);
      const nowIso = deps.now().toISOString();
      return {
        deals: deals.map((record) => {
          const deal = toDeal(record, candidate, undefined, deps.defaultCurrency, nowIso);
          const signals = toDealSignals(record, candidate);
          return {
            crmId: deal.crmId,
            name: deal.name,
            amountMinor: deal.amountMinor,
            currency: deal.currency,
            closeDate: deal.closeDate,
            renewal: signals.renewal?.evidence ?? null,
            outcomes: signals.outcomes.map((o) => o.kind),
          };
        }),
        companies: companies.map((record) => {
          const account = toAccount(record, candidate);
          return {
            crmId: account.crmId,
            name: account.name,
            domains: account.domains,
            industry: account.industry,
            employees: account.employees,
            phone: account.phone,
            address: account.address,
          };
        }),
        contacts: contacts.map((record) => {
          const contact = toContact(record, candidate);
          return {
            crmId: contact.crmId,
            email: contact.email,
            firstName: contact.firstName,
            lastName: contact.lastName,
            jobTitle: contact.jobTitle,
            phone: contact.phone,
          };
        }),
      };
    },

    async uninstall() {
      await call(async (client) => {
        const response = await client.apiRequest({
          method: 'DELETE',
          path: '/appinstalls/v3/external-install',
        });
        if (!response.ok && response.status !== 404) {
          const body: unknown = await response.json().catch(() => ({}));
          throw Object.assign(new Error(`uninstall answered ${response.status}`), {
            code: response.status,
            body,
          });
        }
      });
    },
  };
};
