import type { Command } from 'commander';
import type { ComparePeriod } from '@entente/shared/attribution';
import { isDomainError } from '@entente/shared/errors';
import { createLogger } from '../../observability/logger.js';
import { buildContext } from '../../service.js';
import { migrate } from '../../store/migrate.js';
import type { Store } from '../../store/store.js';
import { formatAttributionSimulation, simulateAttribution } from '../../use-cases/simulateAttribution.js';
import { formatPolicySimulation, simulatePolicyChange } from '../../use-cases/simulatePolicy.js';
import { loadConfigOrExit, withDatabase } from '../cliConfig.js';
import { readFileSync } from 'node:fs';

type Options = {
  attribution?: string;
  policy?: string;
  since?: string;
  by: string;
  tenant?: string;
  json?: boolean;
};

const periods: readonly ComparePeriod[] = ['quarter', 'month', 'year', 'all'];

/** The tenant named, or the only one there is. */
const pickTenant = async (store: Store, wanted: string | undefined): Promise<string> => {
  const tenants = await store.tenants.list();
  if (wanted) {
    if (!tenants.some((t) => t.id === wanted))
      throw new Error(`No tenant ${wanted}; known: ${tenants.map((t) => t.id).join(', ')}`);
    return wanted;
  }
  if (tenants.length === 1) return tenants[0]!.id;
  throw new Error(
    `Pass --tenant: there are ${tenants.length} tenants (${tenants.map((t) => t.id).join(', ')})`,
  );
};

/**
 * `entente simulate` replays history under a candidate configuration and reports what would change.
 * `--attribution A,B` compares two attribution models; a rules-of-engagement `--policy` simulation
 * slots in here as another option with its own use case.
 */
export const register = (program: Command): void => {
  program
    .command('simulate')
    .description(
      'Replay history under a candidate configuration and report what would change, before switching',
    )
    .option(
      '--attribution <modelA,modelB>',
      'compare two attribution models (names, or "current" for the published settings), e.g. current,time_decay',
    )
    .option(
      '--policy <file>',
      'replay registrations under a candidate rules-of-engagement policy (YAML or JSON)',
    )
    .option('--since <date>', 'policy: only registrations submitted on or after this date (YYYY-MM-DD)')
    .option('--by <period>', `attribution: group by ${periods.join(', ')}`, 'quarter')
    .option('--tenant <id>', 'the tenant (default: the only one)')
    .option('--json', 'print the full result as JSON')
    .action(async (options: Options) => {
      if (options.policy) {
        await withTenant(options, async (ctx, tenantId) => {
          const since = options.since ? new Date(options.since) : undefined;
          if (since && Number.isNaN(since.getTime()))
            throw new Error('--since takes a date, e.g. 2026-01-01');
          const source = readFileSync(options.policy!, 'utf8');
          const result = await simulatePolicyChange(ctx, { tenantId, source, since });
          process.stdout.write(
            options.json ? `${JSON.stringify(result, null, 2)}\n` : formatPolicySimulation(result),
          );
        });
        if (!options.attribution) return;
      }
      if (!options.attribution) {
        console.error('Say what to simulate: --policy FILE or --attribution MODEL_A,MODEL_B');
        process.exitCode = 2;
        return;
      }
      const models = options.attribution.split(',').map((m) => m.trim());
      const by = options.by as ComparePeriod;
      if (models.length !== 2 || models.some((m) => !m) || !periods.includes(by)) {
        console.error(
          `--attribution takes two models (MODEL_A,MODEL_B) and --by one of ${periods.join(', ')}`,
        );
        process.exitCode = 2;
        return;
      }
      await withTenant(options, async (ctx, tenantId) => {
        const result = await simulateAttribution(ctx, tenantId, { models: [models[0]!, models[1]!], by });
        process.stdout.write(
          options.json ? `${JSON.stringify(result, null, 2)}\n` : formatAttributionSimulation(result),
        );
      });
    });
};

/** Opens the database, picks the tenant and runs one simulation, reporting errors the same way. */
const withTenant = async (
  options: Options,
  run: (ctx: ReturnType<typeof buildContext>, tenantId: string) => Promise<void>,
): Promise<void> => {
  const config = loadConfigOrExit();
  await withDatabase(config, async (db) => {
    try {
      await migrate(db);
      const ctx = buildContext(config, db, createLogger('silent'));
      await run(ctx, await pickTenant(ctx.store, options.tenant));
    } catch (error) {
      const details = isDomainError(error) && error.details ? ` ${JSON.stringify(error.details)}` : '';
      console.error(
        isDomainError(error) ? `${error.code}: ${error.message}${details}` : (error as Error).message,
      );
      process.exitCode = 1;
    }
  });
};
