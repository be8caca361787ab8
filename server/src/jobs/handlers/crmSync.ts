import type { AppContext } from '../../appContext.js';
import { isCrmError } from '../../crm/crmErrors.js';
import { hubspotConnector } from '../../crm/hubspot/hubspotConnector.js';
import { PURGE_JOB } from '../../crm/hubspot/portalLifecycle.js';
import { enqueueJob, type Job } from '../../store/repositories/jobQueue.js';
import type { JobHandler } from '../jobRunner.js';
import { backfill, BACKFILL_KINDS } from '../../use-cases/sync/backfill.js';
import { flushWriteBacks, WRITE_BACK_JOB } from '../../use-cases/sync/writeBack.js';
import { BACKFILL_JOB, PROVISION_JOB } from '../../use-cases/installHubSpot.js';
import { APPLY_WEBHOOKS_JOB, applyHubSpotWebhooks } from '../../use-cases/sync/inbound.js';
import { provisionHubSpot } from '../../use-cases/provisionHubSpot.js';
import { RECONCILE_EVERY_MS, RECONCILE_JOB, reconcileHubSpot } from '../../use-cases/sync/reconcile.js';
import { purgeUninstalledHubSpotTenant } from '../../use-cases/uninstallHubSpot.js';

const tenantOf = (job: Job): string => {
  if (!job.tenantId) throw new Error(`${job.kind} job ${job.id} has no tenant`);
  return job.tenantId;
};

/**
 * A job for a portal that has gone away ends quietly: retrying cannot help, and its data is kept
 * (or purged) by the uninstall path.
 */
const unlessUninstalled =
  (ctx: AppContext, work: (tenantId: string, job: Job) => Promise<void>): JobHandler =>
  async (job) => {
    const tenantId = tenantOf(job);
    try {
      await work(tenantId, job);
    } catch (error) {
      if (isCrmError(error, 'CRM.UNINSTALLED')) {
        ctx.logger.info({ tenantId, kind: job.kind }, 'portal uninstalled; job dropped');
        return;
      }
      throw error;
    }
  };

const scheduleReconcile = (ctx: AppContext, tenantId: string, after: Date) => {
  const slot = Math.floor(after.getTime() / RECONCILE_EVERY_MS) + 1;
  return enqueueJob(ctx.store.db, {
    tenantId,
    kind: RECONCILE_JOB,
    runAt: new Date(slot * RECONCILE_EVERY_MS),
    dedupeKey: `${RECONCILE_JOB}:${tenantId}:${slot}`,
  });
};

export const hubspotJobHandlers = (ctx: AppContext): Record<string, JobHandler> => {
  const port = (tenantId: string) => hubspotConnector(ctx).forTenant(tenantId);
  return {
    [PROVISION_JOB]: unlessUninstalled(ctx, async (tenantId) => {
      const result = await provisionHubSpot(ctx.store, port(tenantId), tenantId, ctx.now());
      ctx.logger.info({ tenantId, ...result }, 'hubspot portal provisioned');
    }),
    [BACKFILL_JOB]: unlessUninstalled(ctx, async (tenantId, job) => {
      const kinds = Array.isArray(job.payload.kinds)
        ? (job.payload.kinds as typeof BACKFILL_KINDS)
        : BACKFILL_KINDS;
      const result = await backfill({
        store: ctx.store,
        port: port(tenantId),
        tenantId,
        kinds,
        onProgress: (p) => ctx.logger.info({ tenantId, ...p }, 'backfill progress'),
      });
      ctx.logger.info({ tenantId, ...result }, 'backfill finished');
      await scheduleReconcile(ctx, tenantId, ctx.now());
    }),
    [APPLY_WEBHOOKS_JOB]: unlessUninstalled(ctx, async (tenantId) => {
      await applyHubSpotWebhooks(ctx, tenantId, port(tenantId));
    }),
    [WRITE_BACK_JOB]: unlessUninstalled(ctx, async (tenantId) => {
      await flushWriteBacks(ctx, tenantId, port(tenantId));
    }),
    [RECONCILE_JOB]: unlessUninstalled(ctx, async (tenantId) => {
      const tenant = await ctx.store.tenants.get(tenantId);
      if (tenant?.status !== 'active') return;
      await reconcileHubSpot(ctx.store, port(tenantId), tenantId, ctx.now());
      await scheduleReconcile(ctx, tenantId, ctx.now());
    }),
    [PURGE_JOB]: async (job) => {
      const tenantId = tenantOf(job);
      const purged = await purgeUninstalledHubSpotTenant(ctx, tenantId, String(job.payload.uninstalledAt));
      ctx.logger.info({ tenantId, purged }, 'uninstalled portal retention ended');
    },
  };
};
