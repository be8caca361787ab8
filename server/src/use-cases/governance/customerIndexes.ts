import { accountToMatchRecord, registrationToMatchRecord } from '@entente/shared/conflicts';
import type { Account, Registration } from '@entente/shared/domain';
import { PENDING_STATUSES, PROTECTED_STATUSES } from '@entente/shared/governance';
import { CandidateIndex } from '@entente/shared/matching';
import {
  CHANGED_ROWS_PAGE,
  type ChangedRow,
  type CustomerMatchingRepository,
  type MatchingTable,
} from '../../store/repositories/customerMatching.js';
import type { Store } from '../../store/store.js';

/**
 * Per-tenant, in-memory blocking indexes over accounts and active registrations, so a decision
 * looks at a handful of candidates instead of loading the tenant. They are built on first use and
 * catch up before every lookup with the rows changed since the last one (by `updated_at`, indexed),
 * so writes from other instances, syncs and restarts are all picked up. Deleted rows may linger in
 * the index; that is harmless, because candidates are re-read from SQL and missing ones dropped.
 */
type Cursor = { at: string; id: string };
type Table = MatchingTable;

type TenantIndexes = {
  accounts: CandidateIndex;
  registrations: CandidateIndex;
  accountsSeen: Cursor;
  registrationsSeen: Cursor;
  /** Database time of the previous catch-up, less the overlap: every row older than this was read. */
  settledBefore: string;
  /** Row version (updated_at) last indexed, by `accounts:`/`registrations:` id. */
  versions: Map<string, string>;
  catchingUp?: Promise<void>;
};

/** Transactions commit out of timestamp order; re-reading a short overlap catches late commits. */
const OVERLAP_MS = 5_000;
const EPOCH = '1970-01-01T00:00:00.000Z';
const START: Cursor = { at: EPOCH, id: '' };
const ACTIVE = new Set<string>([...PENDING_STATUSES, ...PROTECTED_STATUSES]);

const indexesByStore = new WeakMap<Store, Map<string, TenantIndexes>>();

const rewind = (iso: string) => new Date(Math.max(0, Date.parse(iso) - OVERLAP_MS)).toISOString();

/**
 * Reads rows changed after `seen` a page at a time and hands each one to `apply` unless this index
 * already saw that exact version. Only the stretch that may still receive late commits (after
 * `settledBefore`) is read again; re-reading a fixed overlap behind the newest row instead would
 * re-read a whole bulk load on every lookup, since its rows share one timestamp. Returns the
 * newest position read. The first read of a tenant walks the primary key instead of `updated_at`.
 */
const catchUp = async (
  matching: CustomerMatchingRepository,
  table: Table,
  seen: Cursor,
  settledBefore: string,
  versions: Map<string, string>,
  apply: (row: ChangedRow) => void,
): Promise<Cursor> => {
  const initial = seen === START;
  let cursor = Date.parse(seen.at) > Date.parse(settledBefore) ? { at: settledBefore, id: '' } : seen;
  let newest = seen;
  for (let page = 0; ; page++) {
    const rows = initial
      ? await matching.byPrimaryKey(table, cursor.id)
      : await matching.changedSince(table, cursor, page === 0);
    for (const row of rows) {
      const version = row.cursor_at;
      const key = `${table}:${row.id}`;
      if (initial && version > newest.at) newest = { at: version, id: row.id };
      if (versions.get(key) === version) continue;
      versions.set(key, version);
      apply(row);
    }
    const last = rows.at(-1);
    if (!last) return newest;
    cursor = { at: last.cursor_at, id: last.id };
    if (!initial) newest = cursor;
    if (rows.length < CHANGED_ROWS_PAGE) return newest;
  }
};

/** Only what matching reads; the full entity is loaded from SQL when a candidate is used. */
const accountFromRow = (row: ChangedRow) =>
  ({
    id: row.id,
    name: row.name,
    domains: row.domains,
    phone: row.phone,
    address: row.address,
  }) as Account;

const registrationFromRow = (row: ChangedRow) =>
  ({ id: row.id, customer: row.customer, status: row.status }) as Registration;

const refresh = async (store: Store, tenantId: string, indexes: TenantIndexes) => {
  const matching = store.forTenant(tenantId).customerMatching;
  // Read before the rows: a transaction still open now started after now - overlap (assumed).
  const databaseNow = await matching.databaseNow();
  const settledBefore = indexes.settledBefore;
  indexes.accountsSeen = await catchUp(
    matching,
    'accounts',
    indexes.accountsSeen,
    settledBefore,
    indexes.versions,
    (row) => indexes.accounts.upsert(accountToMatchRecord(accountFromRow(row))),
  );
  indexes.registrationsSeen = await catchUp(
    matching,
    'registrations',
    indexes.registrationsSeen,
    settledBefore,
    indexes.versions,
    (row) => noteRegistrationIn(indexes, row.id, registrationFromRow(row)),
  );
  indexes.settledBefore = rewind(new Date(databaseNow ?? EPOCH).toISOString());
};

const noteRegistrationIn = (indexes: TenantIndexes, id: string, registration: Registration | undefined) => {
  if (registration && ACTIVE.has(registration.status))
    indexes.registrations.upsert(registrationToMatchRecord(registration));
  else indexes.registrations.remove(id);
};

/** The tenant's indexes, caught up with the database. Concurrent callers share one catch-up. */
export const customerIndexes = async (store: Store, tenantId: string): Promise<TenantIndexes> => {
  let byTenant = indexesByStore.get(store);
  if (!byTenant) indexesByStore.set(store, (byTenant = new Map()));
  let indexes = byTenant.get(tenantId);
  if (!indexes) {
    indexes = {
      accounts: new CandidateIndex(),
      registrations: new CandidateIndex(),
      accountsSeen: START,
      registrationsSeen: START,
      settledBefore: EPOCH,
      versions: new Map(),
    };
    byTenant.set(tenantId, indexes);
  }
  const current = indexes;
  current.catchingUp ??= refresh(store, tenantId, current).finally(() => {
    current.catchingUp = undefined;
  });
  await current.catchingUp;
  return current;
};

/** Keeps this instance's index exact right after its own write (others catch up on their next lookup). */
export const noteRegistration = (store: Store, tenantId: string, registration: Registration): void => {
  const indexes = indexesByStore.get(store)?.get(tenantId);
  if (indexes) noteRegistrationIn(indexes, registration.id, registration);
};
