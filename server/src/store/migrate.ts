import { createHash } from 'node:crypto';
import { DomainError } from '@entente/shared/errors';
import type { Database, Queryable } from './database.js';
import { migrations as allMigrations, type Migration } from './migrations/index.js';

const checksum = (sql: string) => createHash('sha256').update(sql).digest('hex');

const ensureLedger = (db: Queryable) =>
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);

type Applied = { version: number; name: string; checksum: string };

const appliedMigrations = async (db: Queryable): Promise<Applied[]> =>
  (await db.query<Applied>('SELECT version, name, checksum FROM schema_migrations ORDER BY version')).rows;

/** An applied migration must never change: a different checksum means the history was rewritten. */
const checkHistory = (applied: readonly Applied[], known: readonly Migration[]) => {
  for (const row of applied) {
    const migration = known.find((m) => m.version === row.version);
    if (!migration) {
      throw new DomainError(
        'STORE.MIGRATION_UNKNOWN',
        `The database has migration ${row.version} (${row.name}), which this version of Entente does not know. Is it older than the database?`,
      );
    }
    if (checksum(migration.sql) !== row.checksum) {
      throw new DomainError(
        'STORE.MIGRATION_CHANGED',
        `Migration ${row.version} (${row.name}) was changed after it was applied.`,
      );
    }
  }
};

/** Migrations apply in the order listed, so the list must be strictly increasing by version. */
const checkOrder = (known: readonly Migration[]) => {
  known.forEach((migration, index) => {
    const previous = known[index - 1];
    if (previous && previous.version >= migration.version) {
      throw new DomainError(
        'STORE.MIGRATION_ORDER',
        `Migration ${migration.version} (${migration.name}) is listed after ${previous.version} (${previous.name}): list migrations once each, by increasing version.`,
      );
    }
  });
};

export type MigrationStatus = { current: number; latest: number; pending: number[] };

export const migrationStatus = async (db: Database, known = allMigrations): Promise<MigrationStatus> => {
  await ensureLedger(db);
  const applied = await appliedMigrations(db);
  const done = new Set(applied.map((row) => row.version));
  return {
    current: applied.at(-1)?.version ?? 0,
    latest: known.at(-1)?.version ?? 0,
    pending: known.filter((m) => !done.has(m.version)).map((m) => m.version),
  };
};

/**
 * Applies pending migrations in order, each in its own transaction. A transaction-scoped advisory
 * lock makes concurrent starts of several instances apply each migration exactly once.
 */
export const migrate = async (db: Database, known = allMigrations): Promise<number[]> => {
  checkOrder(known);
  await ensureLedger(db);
  const appliedNow: number[] = [];
  for (const migration of known) {
    const applied = await db.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock(hashtext('entente.migrate'))");
      const history = await appliedMigrations(tx);
      checkHistory(history, known);
      if (history.some((row) => row.version === migration.version)) return false;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        checksum(migration.sql),
      ]);
      return true;
    });
    if (applied) appliedNow.push(migration.version);
  }
  return appliedNow;
};
