import { PGlite } from '@electric-sql/pglite';
import { OID, parseInt8, type Database, type Queryable } from './database.js';

const parsers = {
  [OID.int8]: (value: string) => parseInt8(value),
  [OID.date]: (value: string) => value,
};

const wrap = (db: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
  async query(sql, params = []) {
    const result = await db.query<never>(sql, params as unknown[]);
    return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
  },
  async exec(sql) {
    await db.exec(sql);
  },
});

/**
 * PGlite is PostgreSQL compiled to WebAssembly, running in this process. `dataDir` undefined
 * means in memory (tests); otherwise it is a folder that keeps the data between runs.
 */
export const openPgliteDatabase = async (
  dataDir?: string,
  options: { loadDataDir?: Blob } = {},
): Promise<Database & { dump(): Promise<Blob> }> => {
  const db = await PGlite.create(dataDir, { parsers, ...options });
  const queryable = wrap(db);
  return {
    engine: 'pglite',
    ...queryable,
    transaction: (work) => db.transaction((tx) => work(wrap(tx))),
    close: () => db.close(),
    dump: async () => (await db.dumpDataDir('none')) as Blob,
  };
};
