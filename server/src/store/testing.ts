import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from './database.js';
import { migrate } from './migrate.js';
import { migrations } from './migrations/index.js';
import { openPgliteDatabase } from './pgliteDatabase.js';
import { openPostgresDatabase } from './postgresDatabase.js';

/**
 * Creating a PGlite cluster (initdb) takes seconds; loading a dump of an already-migrated one
 * takes about one. The dump is cached in the temp dir, keyed by the migrations' content, so every
 * test file after the first starts from it.
 */
const snapshotPath = () => {
  const key = createHash('sha256')
    .update(migrations.map((m) => `${m.version}:${m.sql}`).join('\n'))
    .digest('hex')
    .slice(0, 16);
  return join(tmpdir(), `entente-test-pglite-${key}.tar`);
};

const openPgliteFromSnapshot = async (): Promise<Database> => {
  const path = snapshotPath();
  if (existsSync(path)) {
    try {
      return await openPgliteDatabase(undefined, { loadDataDir: new Blob([readFileSync(path)]) });
    } catch {
      // A torn or stale snapshot: fall through and rebuild it.
    }
  }
  const db = await openPgliteDatabase();
  await migrate(db);
  const dump = Buffer.from(await (await db.dump()).arrayBuffer());
  const partial = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(partial, dump);
  renameSync(partial, path);
  return db;
};

/**
 * A migrated, empty database for one test file: in-memory PGlite by default, or a throw-away
 * schema on the PostgreSQL server named by DATABASE_URL (how CI runs the store suites twice).
 */
export const openTestDatabase = async (): Promise<Database> => {
  const url = process.env.DATABASE_URL;
  if (!url) return openPgliteFromSnapshot();
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
