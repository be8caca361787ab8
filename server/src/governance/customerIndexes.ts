import { accountToMatchRecord, registrationToMatchRecord } from '@entente/shared/conflicts';
import type { Account, Registration } from '@entente/shared/domain';
import { PENDING_STATUSES, PROTECTED_STATUSES } from '@entente/shared/governance';
import { CandidateIndex } from '@entente/shared/matching';
import type { Store } from '../store/store.js';

/**
 * Per-tenant, in-memory blocking indexes over accounts and active registrations, so a decision
 * looks at a handful of candidates instead of loading the tenant. They are built on first use and
 * catch up before every lookup with the rows changed since the last one (by `updated_at`, indexed),
 * so writes from other instances, syncs and restarts are all picked up. Deleted rows may linger in
 * the index; that is harmless, because candidates are re-read from SQL and missing ones dropped.
 */
type TenantIndexes = {
  accounts: CandidateIndex;
  registrations: CandidateIndex;
  accountsSeen: string;
  registrationsSeen: string;
  /** Row version (updated_at) last indexed, by `accounts:`/`registrations:` id. */
  versions: Map<string, string>;
  catchingUp?: Promise<void>;
};

/** Transactions commit out of timestamp order; re-reading a short overlap catches late commits. */
const OVERLAP_MS = 5_000;
const PAGE = 5_000;
const EPOCH = '1970-01-01T00:00:00.000Z';
const ACTIVE = new Set<string>([...PENDING_STATUSES, ...PROTECTED_STATUSES]);

const indexesByStore = new WeakMap<Store, Map<string, TenantIndexes>>();

const rewind = (iso: string) => new Date(Math.max(0, Date.parse(iso) - OVERLAP_MS)).toISOString();

type ChangedRow = { id: string; updated_at: Date | string; [column: string]: unknown };

/**
 * Reads rows changed since `since` (minus the overlap) a page at a time and hands each one to
 * `apply` unless this index already saw that exact version. Returns the newest change seen.
 */
const catchUp = async (
  store: Store,
  table: 'accounts' | 'registrations',
  tenantId: string,
  since: string,
  versions: Map<string, string>,
  apply: (row: ChangedRow) => void,
): Promise<string> => {
  let cursor = { at: rewind(since), id: '' };
  let newest = since;
  for (;;) {
    const { rows } = await store.db.query<ChangedRow>(
      `SELECT * FROM ${table} WHERE tenant_id = $1 AND (updated_at, id) > ($2::timestamptz, $3)
       ORDER BY updated_at, id LIMIT ${PAGE}`,
      [tenantId, cursor.at, cursor.id],
    );
    for (const row of rows) {
      const version = new Date(row.updated_at).toISOString();
      const key = `${table}:${row.id}`;
      if (versions.get(key) === version) continue;
      versions.set(key, version);
      apply(row);
    }
    const last = rows.at(-1);
    if (!last) return newest;
    const at = new Date(last.updated_at).toISOString();
    if (at > newest) newest = at;
    cursor = { at, id: last.id };
    if (rows.length < PAGE) return newest;
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
  indexes.accountsSeen = await catchUp(
    store,
    'accounts',
    tenantId,
    indexes.accountsSeen,
    indexes.versions,
    (row) => indexes.accounts.upsert(accountToMatchRecord(accountFromRow(row))),
  );
  indexes.registrationsSeen = await catchUp(
    store,
    'registrations',
    tenantId,
    indexes.registrationsSeen,
    indexes.versions,
    (row) => noteRegistrationIn(indexes, row.id, registrationFromRow(row)),
  );
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
      accountsSeen: EPOCH,
      registrationsSeen: EPOCH,
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
