import type { AppContext } from '../appContext.js';
import { isCrmError } from '../crm/crmErrors.js';
import { hubspotConnector } from '../crm/hubspot/hubspotConnector.js';
import { markPortalUninstalled } from '../crm/hubspot/portalLifecycle.js';

/**
 * Uninstalling from Entente's side: tell HubSpot (the uninstall API), then forget the tokens and
 * keep the data for the retention period.
 */
export const uninstallHubSpot = async (ctx: AppContext, tenantId: string): Promise<void> => {
  try {
    await hubspotConnector(ctx).forTenant(tenantId).uninstall();
  } catch (error) {
    // Already gone on HubSpot's side: nothing left to tell it.
    if (!isCrmError(error, 'CRM.UNINSTALLED')) throw error;
  }
  await markPortalUninstalled(ctx.store, tenantId, ctx.now(), ctx.config.hubspot.retentionDays);
};

/** The retention period is over: delete the tenant and everything it owns (unless it came back). */
export const purgeUninstalledHubSpotTenant = (
  ctx: AppContext,
  tenantId: string,
  uninstalledAt: string,
): Promise<boolean> => ctx.store.tenants.purgeUninstalled(tenantId, uninstalledAt);
