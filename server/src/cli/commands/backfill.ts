import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { isDomainError } from '@entente/shared/errors';
import type { AppContext } from '../../appContext.js';
import type { Config } from '../../config/config.js';
import { exitSoonIfStillRunning, handleStopSignals, loadConfigOrExit } from '../cliConfig.js';
import type { CrmObjectKind } from '../../crm/crmPort.js';
import { hubspotConnector } from '../../crm/hubspot/hubspotConnector.js';
import { createLogger } from '../../observability/logger.js';
import { SANDBOX_TENANT_ID } from '../../sandbox/generateSandboxData.js';
import { startContext } from '../../service.js';
import { backfill, BACKFILL_KINDS } from '../../use-cases/sync/backfill.js';

const KIND_NAMES: Record<string, CrmObjectKind> = {
  deals: 'deals',
  companies: 'companies',
  contacts: 'contacts',
  owners: 'owners',
};

/**
 * The sandbox's HubSpot portal is simulated inside the running service and knows only the tokens
 * it issued there. A portal this command started would refuse the stored tokens, and the
 * connector would take that for an uninstall: so the command does not run in sandbox mode.
 */
export const sandboxRefusal = (tenantId: string) =>
  [
    `entente backfill: not run for "${tenantId}": this is sandbox mode (no HubSpot app credentials are configured).`,
    `The sandbox tenant "${SANDBOX_TENANT_ID}" reads its simulated HubSpot portal, which lives only inside the running`,
    'service: run `entente serve` (or `npm start`). The service backfills the sandbox on its first start and',
    'reconnects on every later one; the portal is generated from the same seed each time, so there is nothing',
    'else to read. To backfill a real portal, configure HUBSPOT_CLIENT_ID and HUBSPOT_CLIENT_SECRET',
    '(docs/hubspot.md).',
  ].join('\n');

/** Why this tenant cannot be backfilled from the command line, or undefined when it can. */
const refusalFor = async (ctx: AppContext, config: Config, tenantId: string): Promise<string | undefined> => {
  if (config.sandbox) return sandboxRefusal(tenantId);
  const tenant = await ctx.store.tenants.get(tenantId);
  if (!tenant)
    return `entente backfill: there is no tenant "${tenantId}" (a HubSpot portal is hubspot-<portal id>).`;
  if (tenant.sandbox) return sandboxRefusal(tenantId);
  return undefined;
};

export const register = (program: Command): void => {
  program
    .command('backfill')
    .description(
      "Read a tenant's CRM records into Entente within the rate limit; resumes where it stopped (not in sandbox mode: the service backfills the sandbox itself)",
    )
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
      // Checked before anything is opened: in sandbox mode, opening the context would start a
      // simulated portal of its own.
      if (config.sandbox) {
        console.error(sandboxRefusal(options.tenant));
        process.exitCode = 2;
        return;
      }
      const logger = createLogger(config.logLevel);
      let ctx: AppContext | undefined;
      let closing: Promise<void> | undefined;
      const close = () =>
        (closing ??= (async () => {
          if (!ctx) return;
          await hubspotConnector(ctx).close();
          await ctx.store.db.close();
        })());
      let stoppedBy: 'SIGINT' | 'SIGTERM' | undefined;
      // A signal stops the backfill after the pages in flight (each page is checkpointed, so the
      // next run resumes there); a second signal, or a stop that takes too long, ends it at once.
      const releaseSignals = handleStopSignals({
        onStop: (signal) => {
          stoppedBy = signal;
          console.error('backfill: stopping after the pages in flight (signal again to stop at once)');
        },
        graceMs: 15_000,
        close,
      });
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
      try {
        ctx = await startContext(config, logger);
        const refusal = await refusalFor(ctx, config, options.tenant);
        if (refusal) {
          console.error(refusal);
          process.exitCode = 2;
          return;
        }
        const result = await backfill({
          store: ctx.store,
          port: hubspotConnector(ctx).forTenant(options.tenant),
          tenantId: options.tenant,
          kinds: kinds.map((name) => KIND_NAMES[name] as CrmObjectKind),
          restart: options.restart ?? false,
          shouldStop: () => stoppedBy !== undefined,
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
        // Stopped by a signal: say so the way a shell expects (128 + the signal's number).
        if (stoppedBy) process.exitCode = stoppedBy === 'SIGINT' ? 130 : 143;
      } catch (error) {
        bar?.stop();
        console.error(isDomainError(error) ? `${error.code}: ${error.message}` : error);
        process.exitCode = 1;
      } finally {
        await close();
        releaseSignals();
        exitSoonIfStillRunning();
      }
    });
};
