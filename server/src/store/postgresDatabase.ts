import pg from 'pg';
import { OID, parseInt8, type Database, type Queryable } from './database.js';

const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === OID.int8) return parseInt8;
    if (oid === OID.date) return (value: string) => value;
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

export type PostgresOptions = {
  /** Use this schema instead of `public` (tests isolate themselves this way). */
  schema?: string;
  max?: number;
};

const wrap = (client: pg.Pool | pg.PoolClient): Queryable => ({
  async query(sql, params = []) {
    const result = await client.query(sql, params as unknown[]);
    return { rows: result.rows, rowCount: result.rowCount ?? result.rows.length };
  },
  async exec(sql) {
    await client.query(sql);
  },
});

/** A PostgreSQL server reached through a `pg` pool; used whenever DATABASE_URL is set. */
export const openPostgresDatabase = async (url: string, options: PostgresOptions = {}): Promise<Database> => {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    types,
    connectionTimeoutMillis: 10_000,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle client can lose its connection (server restart); log-and-drop instead of crashing.
  pool.on('error', () => undefined);
  // Fail at start, not at the first request, when the server cannot be reached.
  const probe = await pool.connect();
  probe.release();
  return {
    engine: 'postgres',
    ...wrap(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
};
