import { randomBytes } from 'node:crypto';
import type { Database } from './database.js';
import { migrate } from './migrate.js';
import { openPgliteDatabase } from './pgliteDatabase.js';
import { openPostgresDatabase } from './postgresDatabase.js';

/**
 * A migrated, empty database for one test file: in-memory PGlite by default, or a throw-away
 * schema on the PostgreSQL server named by DATABASE_URL (how CI runs the store suites twice).
 */
export const openTestDatabase = async (): Promise<Database> => {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const db = await openPgliteDatabase();
    await migrate(db);
    return db;
  }
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = await openPostgresDatabase(url, { max: 1 });
  await admin.exec(`CREATE SCHEMA ${schema}`);
  const db = await openPostgresDatabase(url, { schema, max: 4 });
  await migrate(db);
  return {
    ...db,
    close: async () => {
      await db.close();
      await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    },
  };
};
