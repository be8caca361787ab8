import type { Command } from 'commander';
import { migrate, migrationStatus } from '../../store/migrate.js';
import { loadConfigOrExit, withDatabase } from '../cliConfig.js';

export const register = (program: Command): void => {
  program
    .command('migrate')
    .description('Apply pending database migrations (the service also applies them at start)')
    .option('--status', 'only show which migrations are applied and pending')
    .action(async (options: { status?: boolean }) => {
      const config = loadConfigOrExit();
      await withDatabase(config, async (db) => {
        if (options.status) {
          const status = await migrationStatus(db);
          console.log(
            `database: ${db.engine}; current version ${status.current} of ${status.latest}; pending: ${status.pending.join(', ') || 'none'}`,
          );
          return;
        }
        const applied = await migrate(db);
        console.log(applied.length > 0 ? `applied migrations ${applied.join(', ')}` : 'already up to date');
      });
    });
};
