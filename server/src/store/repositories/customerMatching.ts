import type { TenantScope } from './tenantScope.js';

/** The tables the in-memory matching indexes follow. */
export type MatchingTable = 'accounts' | 'registrations';
/** A position in a table's change order: `updated_at` (as `cursor_at`), then id. */
export type ChangeCursor = { at: string; id: string };
/** `cursor_at` is `updated_at` in ISO form exact to the microsecond (a Date keeps milliseconds only). */
export type ChangedRow = { id: string; cursor_at: string; [column: string]: unknown };

/** Rows per page of a catch-up read; a shorter page is the last one. */
export const CHANGED_ROWS_PAGE = 5_000;

const PAGE = CHANGED_ROWS_PAGE;
const COLUMNS = `*, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at`;

/** The reads behind the per-tenant customer matching indexes and the corporate-family lookup. */
export const customerMatchingRepository = ({ tenantId, db }: TenantScope) => ({
  /** The database's clock (`now()`, the start of the current transaction). */
  async databaseNow(): Promise<Date | string | undefined> {
    const { rows } = await db.query<{ now: Date | string }>('SELECT now() AS now');
    return rows[0]?.now;
  },
  /**
   * A page of changed rows after `from`. The first page of a catch-up asks with a plain
   * comparison, which the (tenant_id, updated_at) index serves; only later pages need the row
   * comparison, which that index cannot bound (a bulk load sharing one timestamp is then scanned).
   */
  async changedSince(table: MatchingTable, from: ChangeCursor, first: boolean): Promise<ChangedRow[]> {
    const { rows } = await db.query<ChangedRow>(
      `SELECT ${COLUMNS} FROM ${table} WHERE tenant_id = $1 AND ${
        first
          ? `updated_at ${from.id === '' ? '>=' : '>'} $2::timestamptz`
          : `updated_at >= $2::timestamptz AND (updated_at, id) > ($2::timestamptz, $3)`
      } ORDER BY updated_at, id LIMIT ${PAGE}`,
      first ? [tenantId, from.at] : [tenantId, from.at, from.id],
    );
    return rows;
  },
  /** A page of rows by primary key after `after`: a tenant's first read, with no sort over the table. */
  async byPrimaryKey(table: MatchingTable, after: string): Promise<ChangedRow[]> {
    const { rows } = await db.query<ChangedRow>(
      `SELECT ${COLUMNS} FROM ${table} WHERE tenant_id = $1 AND id > $2 ORDER BY id LIMIT ${PAGE}`,
      [tenantId, after],
    );
    return rows;
  },
  /** Ids of the given parents and of the accounts whose parent is one of `children`. */
  async familyIds(parents: readonly string[], children: readonly string[]): Promise<string[]> {
    const { rows } = await db.query<{ id: string }>(
      `SELECT id FROM accounts WHERE tenant_id = $1 AND (id = ANY($2) OR parent_account_id = ANY($3))`,
      [tenantId, parents, children],
    );
    return rows.map((row) => row.id);
  },
});
export type CustomerMatchingRepository = ReturnType<typeof customerMatchingRepository>;
