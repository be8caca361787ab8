import { accessSync, constants, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DomainError } from '@entente/shared/errors';
import type { Database } from './database.js';
import { openPgliteDatabase } from './pgliteDatabase.js';
import { openPostgresDatabase } from './postgresDatabase.js';

export type StoreLocation = { databaseUrl: string | undefined; dataDir: string };

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * PGlite's files must only ever be opened by one process: two writers would corrupt them. A lock
 * file with the owner's pid keeps a second `entente` process out, and a stale one (its owner died,
 * for example on kill -9) is taken over.
 */
const lockDataDir = (dir: string): (() => void) => {
  const lockFile = join(dir, 'entente.lock');
  try {
    const owner = Number(readFileSync(lockFile, 'utf8'));
    if (owner && owner !== process.pid && isAlive(owner)) {
      throw new DomainError(
        'STORE.DATA_DIR_LOCKED',
        `The data dir ${dir} is in use by another Entente process (pid ${owner}). Stop it first, or set ENTENTE_DATA_DIR.`,
      );
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  writeFileSync(lockFile, String(process.pid));
  return () => rmSync(lockFile, { force: true });
};

const prepareDataDir = (dataDir: string): string => {
  const dir = resolve(dataDir);
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    throw new DomainError(
      'STORE.DATA_DIR_NOT_WRITABLE',
      `The data dir ${dir} cannot be written (${(error as NodeJS.ErrnoException).code ?? 'error'}). Set ENTENTE_DATA_DIR to a writable folder.`,
    );
  }
  return dir;
};

/** PostgreSQL when DATABASE_URL is set, else PGlite kept in `<dataDir>/pglite`. */
export const openDatabase = async ({ databaseUrl, dataDir }: StoreLocation): Promise<Database> => {
  if (databaseUrl) {
    try {
      return await openPostgresDatabase(databaseUrl);
    } catch (error) {
      const safeUrl = databaseUrl.replace(/\/\/[^@/]*@/, '//***@');
      throw new DomainError(
        'STORE.UNREACHABLE',
        `Cannot reach the database at ${safeUrl}: ${(error as Error).message}`,
      );
    }
  }
  const dir = prepareDataDir(dataDir);
  const unlock = lockDataDir(dir);
  try {
    const db = await openPgliteDatabase(join(dir, 'pglite'));
    return {
      ...db,
      close: async () => {
        await db.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
};
