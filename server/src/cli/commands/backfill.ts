import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { isDomainError } from '@entente/shared/errors';
import { loadConfigOrExit } from '../cliConfig.js';
import type { CrmObjectKind } from '../../crm/crmPort.js';
import { hubspotConnector } from '../../crm/hubspot/hubspotConnector.js';
import { createLogger } from '../../observability/logger.js';
import { startContext } from '../../service.js';
import { backfill, BACKFILL_KINDS } from '../../use-cases/sync/backfill.js';

const KIND_NAMES: Record<string, CrmObjectKind> = {
  deals: 'deals',
  companies: 'companies',
  contacts: 'contacts',
  owners: 'owners',
};

export const register = (program: Command): void => {
  program
    .command('backfill')
    .description("Read a tenant's CRM records into Entente within the rate limit; resumes where it stopped")
    .requiredOption('--tenant <id>', 'tenant id (e.g. hubspot-12345678)')
    .option('--objects <list>', 'comma-separated: owners,companies,contacts,deals', BACKFILL_KINDS.join(','))
    .option('--restart', 'start from the beginning instead of resuming')
    .action(async (options: { tenant: string; objects: string; restart?: boolean }) => {
      const config = loadConfigOrExit();
      const kinds = options.objects.split(',').map((name) => name.trim());
      const unknown = kinds.filter((name) => !KIND_NAMES[name]);
      if (unknown.length > 0) {
        console.error(`Unknown object type(s): ${unknown.join(', ')}. Use ${BACKFILL_KINDS.join(', ')}.`);
        process.exit(2);
      }
      const logger = createLogger(config.logLevel);
      const ctx = await startContext(config, logger);
      const bar = process.stderr.isTTY
        ? new SingleBar(
            {
              stream: process.stderr,
              format: '{kind} [{bar}] {percentage}% | {value}/{total} | {rate}/s | ETA {eta}s',
            },
            Presets.shades_classic,
          )
        : null;
      let barKind: string | undefined;
      let stopping = false;
      process.once('SIGINT', () => (stopping = true));
      process.once('SIGTERM', () => (stopping = true));
      try {
        const result = await backfill({
          store: ctx.store,
          port: hubspotConnector(ctx).forTenant(options.tenant),
          tenantId: options.tenant,
          kinds: kinds.map((name) => KIND_NAMES[name] as CrmObjectKind),
          restart: options.restart ?? false,
          shouldStop: () => stopping,
          onProgress: (p) => {
            if (!bar) {
              logger.info({ tenantId: options.tenant, ...p }, 'backfill progress');
              return;
            }
            const payload = { kind: p.kind, rate: p.recordsPerSecond };
            if (barKind !== p.kind) {
              if (barKind) bar.stop();
              bar.start(p.total ?? p.done, p.done, payload);
              barKind = p.kind;
            }
            bar.setTotal(Math.max(p.total ?? p.done, p.done));
            bar.update(p.done, payload);
          },
        });
        bar?.stop();
        console.error(
          `${result.complete ? 'backfill complete' : 'backfill stopped (run again to resume)'}: ` +
            Object.entries(result.counts)
              .map(([kind, n]) => `${kind} ${n}`)
              .join(', '),
        );
      } catch (error) {
        bar?.stop();
        console.error(isDomainError(error) ? `${error.code}: ${error.message}` : error);
        process.exitCode = 1;
      } finally {
        await hubspotConnector(ctx).close();
        await ctx.store.db.close();
      }
    });
};
