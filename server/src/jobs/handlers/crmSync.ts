import type { AppContext } from '../../appContext.js';
import { crmPortFor } from '../../crm/connectors.js';
import { isCrmError } from '../../crm/crmErrors.js';
import type { CrmPort } from '../../crm/crmPort.js';
import { enqueue } from '../jobKinds.js';
import { tenantOf, type JobHandlers } from '../jobRunner.js';
import type { Job } from '../../store/repositories/jobQueue.js';
import { recordBackfillProgress } from '../../use-cases/installProgress.js';
import { provisionCrm } from '../../use-cases/provisionCrm.js';
import { purgeUninstalledHubSpotTenant } from '../../use-cases/uninstallHubSpot.js';
import { backfill, BACKFILL_KINDS } from '../../use-cases/sync/backfill.js';
import { applyInboundChanges } from '../../use-cases/sync/inbound.js';
import { RECONCILE_EVERY_MS, reconcile } from '../../use-cases/sync/reconcile.js';
import { flushWriteBacks } from '../../use-cases/sync/writeBack.js';

type CrmJobKind =
  | 'crm.provision'
  | 'crm.backfill'
  | 'crm.apply_inbound'
  | 'crm.write_back'
  | 'crm.reconcile'
  | 'crm.purge_uninstalled';

/**
 * A job for an account that has gone away (or is not active) ends quietly: retrying cannot help,
 * and its data is kept (or purged) by the uninstall path.
 */
const withPort =
  <P>(ctx: AppContext, work: (port: CrmPort, tenantId: string, payload: P) => Promise<void>) =>
  async (payload: P, job: Job): Promise<void> => {
    const tenantId = tenantOf(job);
    const tenant = await ctx.store.tenants.get(tenantId);
    if (tenant?.status !== 'active') {
      ctx.logger.info({ tenantId, kind: job.kind }, 'tenant not active; job dropped');
      return;
    }
    try {
      await work(crmPortFor(ctx, tenant), tenantId, payload);
    } catch (error) {
      if (isCrmError(error, 'CRM.UNINSTALLED')) {
        ctx.logger.info({ tenantId, kind: job.kind }, 'CRM account uninstalled; job dropped');
        return;
      }
      throw error;
    }
  };

/** The next reconciliation slot for a tenant, once per slot however often it is asked for. */
const scheduleReconcile = (ctx: AppContext, tenantId: string) => {
  const slot = Math.floor(ctx.now().getTime() / RECONCILE_EVERY_MS) + 1;
  return enqueue(
    ctx.store.forTenant(tenantId),
    'crm.reconcile',
    {},
    { runAt: new Date(slot * RECONCILE_EVERY_MS), once: String(slot) },
  );
};

/** The sync core's jobs: each parses, calls its use case with the tenant's CRM port, and logs. */
export const crmSyncJobHandlers = (ctx: AppContext): Pick<JobHandlers, CrmJobKind> => ({
  'crm.provision': withPort(ctx, async (port, tenantId) => {
    const result = await provisionCrm(ctx.store, port, tenantId, ctx.now());
    ctx.logger.info({ tenantId, ...result }, 'CRM provisioned');
  }),
  'crm.backfill': withPort(ctx, async (port, tenantId, payload) => {
    let lastSaved = 0;
    // Progress writes queue one behind another, so none lands after the final one.
    let saving = Promise.resolve();
    const result = await backfill({
      store: ctx.store,
      port,
      tenantId,
      kinds: payload.kinds ?? BACKFILL_KINDS,
      now: ctx.now,
      onProgress: (p) => {
        ctx.logger.info({ tenantId, ...p }, 'backfill progress');
        // For the admin's install page; at most once a second, and never in the backfill's way.
        if (Date.now() - lastSaved < 1_000) return;
        lastSaved = Date.now();
        saving = saving.then(() => recordBackfillProgress(ctx, tenantId, p)).catch(() => undefined);
      },
    });
    ctx.logger.info({ tenantId, ...result }, 'backfill finished');
    await saving;
    if (result.complete) await recordBackfillProgress(ctx, tenantId, { finished: true });
    await scheduleReconcile(ctx, tenantId);
  }),
  'crm.apply_inbound': withPort(ctx, async (port, tenantId) => {
    await applyInboundChanges(ctx, tenantId, port);
  }),
  'crm.write_back': withPort(ctx, async (port, tenantId) => {
    await flushWriteBacks(ctx, tenantId, port);
  }),
  'crm.reconcile': withPort(ctx, async (port, tenantId) => {
    await reconcile(ctx.store, port, tenantId, ctx.now());
    await scheduleReconcile(ctx, tenantId);
  }),
  'crm.purge_uninstalled': async ({ uninstalledAt }, job) => {
    const tenantId = tenantOf(job);
    const purged = await purgeUninstalledHubSpotTenant(ctx, tenantId, uninstalledAt);
    ctx.logger.info({ tenantId, purged }, 'uninstalled account retention ended');
  },
});
