/**
 * The store speaks one SQL dialect, PostgreSQL, to one of two engines: PGlite embedded in the
 * process (the zero-configuration default) or a PostgreSQL server through a `pg` pool. Both sit
 * behind this small interface so repositories never know which one they talk to.
 */
export type QueryResult<Row> = { rows: Row[]; rowCount: number };

export type Queryable = {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>>;
  /** Runs several statements at once, without parameters (migrations). */
  exec(sql: string): Promise<void>;
};

export type Database = Queryable & {
  readonly engine: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

/** PostgreSQL type oids whose default parsing we override in both engines. */
export const OID = { int8: 20, date: 1082, numeric: 1700 } as const;

/**
 * int8 columns hold money in minor units and counters: well inside 2^53, so numbers are safe and
 * far easier to use than strings or BigInt. Dates stay 'YYYY-MM-DD' strings: turning a calendar
 * date into a Date would shift it by the server's time zone.
 */
export const parseInt8 = (value: string): number => {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed))
    throw new RangeError(`int8 value ${value} does not fit a JavaScript number`);
  return parsed;
};
