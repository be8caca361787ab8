import type { PropertyDef } from './default-properties.js';
import { HsApiError } from './errors.js';

export type SearchFilter = {
  propertyName: string;
  operator: string;
  value?: unknown;
  highValue?: unknown;
  values?: unknown[];
};
export type SearchRequest = {
  filterGroups?: { filters?: SearchFilter[] }[];
  sorts?: (string | { propertyName: string; direction?: 'ASCENDING' | 'DESCENDING' })[];
  query?: string;
  properties?: string[];
  limit?: number;
  after?: string | number;
};

type Row = { id: string; values: Record<string, string | null> };

/** Documented search limits: 5 groups, 6 filters a group, 18 in all; 200 results a page; 10,000 a query. */
export const SEARCH_LIMITS = { groups: 5, filtersPerGroup: 6, filters: 18, pageSize: 200, total: 10_000 };

const comparable = (value: unknown, type: PropertyDef['type'] | undefined): number | string | undefined => {
  if (value === null || value === undefined || value === '') return undefined;
  const text = String(value);
  if (type === 'number') return Number(text);
  if (type === 'date' || type === 'datetime') return /^-?\d+$/.test(text) ? Number(text) : Date.parse(text);
  return text.toLowerCase();
};

const matches = (row: Row, filter: SearchFilter, types: Map<string, PropertyDef>): boolean => {
  const name = filter.propertyName;
  const type = name === 'hs_object_id' ? 'number' : types.get(name)?.type;
  const actual = comparable(row.values[name], type);
  const wanted = comparable(filter.value, type);
  switch (filter.operator) {
    case 'HAS_PROPERTY':
      return actual !== undefined;
    case 'NOT_HAS_PROPERTY':
      return actual === undefined;
    case 'EQ':
      return actual !== undefined && actual === wanted;
    case 'NEQ':
      return actual !== wanted;
    case 'LT':
      return actual !== undefined && wanted !== undefined && actual < wanted;
    case 'LTE':
      return actual !== undefined && wanted !== undefined && actual <= wanted;
    case 'GT':
      return actual !== undefined && wanted !== undefined && actual > wanted;
    case 'GTE':
      return actual !== undefined && wanted !== undefined && actual >= wanted;
    case 'BETWEEN': {
      const high = comparable(filter.highValue, type);
      return (
        actual !== undefined &&
        wanted !== undefined &&
        high !== undefined &&
        actual >= wanted &&
        actual <= high
      );
    }
    case 'IN':
      return (filter.values ?? []).some((v) => comparable(v, type) === actual);
    case 'NOT_IN':
      return !(filter.values ?? []).some((v) => comparable(v, type) === actual);
    case 'CONTAINS_TOKEN':
      return tokenMatch(String(row.values[name] ?? ''), String(filter.value ?? ''));
    case 'NOT_CONTAINS_TOKEN':
      return !tokenMatch(String(row.values[name] ?? ''), String(filter.value ?? ''));
    default:
      throw new HsApiError(400, 'VALIDATION_ERROR', `Invalid operator ${filter.operator}`);
  }
};

/** Token search with `*` wildcards, case-insensitive, as in CONTAINS_TOKEN. */
const tokenMatch = (text: string, token: string): boolean => {
  const pattern = new RegExp(
    `^${token
      .toLowerCase()
      .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
      .replaceAll('*', '.*')}$`,
  );
  return text
    .toLowerCase()
    .split(/[^a-z0-9@.*_-]+/)
    .concat(text.toLowerCase())
    .some((word) => pattern.test(word));
};

/** Validates and runs a search over the rows search can see; returns the total and the requested page. */
export const runSearch = (
  rows: Row[],
  request: SearchRequest,
  types: Map<string, PropertyDef>,
  searchable: readonly string[],
) => {
  const groups = request.filterGroups ?? [];
  const filterCount = groups.reduce((n, g) => n + (g.filters?.length ?? 0), 0);
  if (
    groups.length > SEARCH_LIMITS.groups ||
    groups.some((g) => (g.filters?.length ?? 0) > SEARCH_LIMITS.filtersPerGroup) ||
    filterCount > SEARCH_LIMITS.filters
  ) {
    throw new HsApiError(
      400,
      'VALIDATION_ERROR',
      'Search supports up to 5 filterGroups with up to 6 filters each, and up to 18 filters in total.',
    );
  }
  const limit = request.limit ?? 10;
  if (limit > SEARCH_LIMITS.pageSize)
    throw new HsApiError(
      400,
      'VALIDATION_ERROR',
      `limit must be less than or equal to ${SEARCH_LIMITS.pageSize}`,
    );
  const offset = Number(request.after ?? 0) || 0;
  if (offset + limit > SEARCH_LIMITS.total) {
    throw new HsApiError(
      400,
      'VALIDATION_ERROR',
      `Search results are limited to ${SEARCH_LIMITS.total} total results; paging beyond that is not supported.`,
    );
  }
  const query = request.query?.trim().toLowerCase();
  const filtered = rows.filter(
    (row) =>
      (groups.length === 0 || groups.some((g) => (g.filters ?? []).every((f) => matches(row, f, types)))) &&
      (!query ||
        searchable.some((p) =>
          String(row.values[p] ?? '')
            .toLowerCase()
            .includes(query),
        )),
  );
  const sorts = (request.sorts ?? []).map((s) =>
    typeof s === 'string'
      ? { propertyName: s.replace(/^-/, ''), descending: s.startsWith('-') }
      : { propertyName: s.propertyName, descending: s.direction === 'DESCENDING' },
  );
  // Without sorts HubSpot orders by id; ties keep id order too.
  filtered.sort((a, b) => {
    for (const sort of sorts) {
      const type = sort.propertyName === 'hs_object_id' ? 'number' : types.get(sort.propertyName)?.type;
      const x = comparable(a.values[sort.propertyName], type);
      const y = comparable(b.values[sort.propertyName], type);
      if (x === y) continue;
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      return (x < y ? -1 : 1) * (sort.descending ? -1 : 1);
    }
    return Number(a.id) - Number(b.id);
  });
  const page = filtered.slice(offset, offset + limit);
  const nextOffset = offset + page.length;
  const hasNext = nextOffset < filtered.length && nextOffset < SEARCH_LIMITS.total;
  return { total: filtered.length, page, nextAfter: hasNext ? String(nextOffset) : undefined };
};
