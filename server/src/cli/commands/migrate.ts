import type { Command } from 'commander';
import { ConfigError, loadConfig } from '../../config/config.js';
import { migrate, migrationStatus } from '../../store/migrate.js';
import { openDatabase } from '../../store/openDatabase.js';

export const register = (program: Command): void => {
  program
    .command('migrate')
    .description('Apply pending database migrations (the service also applies them at start)')
    .option('--status', 'only show which migrations are applied and pending')
    .action(async (options: { status?: boolean }) => {
      let config;
      try {
        config = loadConfig(process.env);
      } catch (error) {
        if (error instanceof ConfigError) {
          console.error(error.message);
          process.exit(2);
        }
        throw error;
      }
      const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        if (options.status) {
          const status = await migrationStatus(db);
          console.log(
            `database: ${db.engine}; current version ${status.current} of ${status.latest}; pending: ${status.pending.join(', ') || 'none'}`,
          );
          return;
        }
        const applied = await migrate(db);
        console.log(applied.length > 0 ? `applied migrations ${applied.join(', ')}` : 'already up to date');
      } finally {
        await db.close();
      }
    });
};
