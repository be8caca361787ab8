import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../config/config.js';

/** The local server benchmarks fall back to when DATABASE_URL is not set. */
const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

export type ThrowawayDatabase = { url: string; drop(): Promise<void> };

/**
 * A fresh database on the PostgreSQL server named by DATABASE_URL (or the local one), so a
 * benchmark starts empty and leaves nothing behind. Throws when no server answers: a PostgreSQL
 * figure is then reported as an error, never measured on something else.
 */
export const createThrowawayDatabase = async (): Promise<ThrowawayDatabase> => {
  const serverUrl = loadConfig(process.env).databaseUrl ?? LOCAL_SERVER;
  const name = `entente_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (error) {
    await admin.end().catch(() => undefined);
    throw new Error(`PostgreSQL at ${new URL(serverUrl).host} is unreachable: ${(error as Error).message}`, {
      cause: error,
    });
  }
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const cleaner = new pg.Client({ connectionString: serverUrl });
      await cleaner.connect();
      try {
        await cleaner.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleaner.end();
      }
    },
  };
};
