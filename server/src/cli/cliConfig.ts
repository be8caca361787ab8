import { ConfigError, loadConfig, type Config } from '../config/config.js';
import type { Database } from '../store/database.js';
import { openDatabase } from '../store/openDatabase.js';

/** Commands exit with 2 on bad configuration, naming every bad variable (the message lists them). */
export const loadConfigOrExit = (env: Readonly<Record<string, string | undefined>> = process.env): Config => {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
};

/** Opens the configured store for one command and always closes it (releasing the data dir lock). */
export const withDatabase = async <T>(config: Config, work: (db: Database) => Promise<T>): Promise<T> => {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
};
