import type { Tenant, User } from '@entente/shared/domain';
import type { Queryable } from '../database.js';
import { toUser } from './users.js';

/** A HubSpot portal's installation, and the Entente user linked to one HubSpot user id. */
export type PortalInstallation = {
  tenantId: string;
  status: Tenant['status'];
  /** Undefined when no user of the tenant carries that HubSpot user id. */
  user: User | undefined;
  /** The portal's UI domain (app-eu1.hubspot.com for EU-hosted data), when the install read it. */
  uiDomain: string | null;
};

/** Not tenant-scoped: this is how a signed card request finds its tenant. */
export const hubspotPortalsRepository = (db: Queryable) => ({
  /** Undefined when no tenant is installed on the portal. */
  async findWithUser(portalId: string, hubspotUserId: string): Promise<PortalInstallation | undefined> {
    // The tenant and the user by HubSpot id in one statement: every card request starts here, and on
    // the embedded database each statement waits its turn behind the other requests'.
    const { rows } = await db.query<{
      id: string;
      status: Tenant['status'];
      user: Parameters<typeof toUser>[0] | null;
      ui_domain: string | null;
    }>(
      `SELECT t.id, t.status,
         (SELECT row_to_json(u) FROM users u WHERE u.tenant_id = t.id AND u.crm_user_id = $2) AS user,
         (SELECT s.ui_domain FROM crm_settings s WHERE s.tenant_id = t.id) AS ui_domain
       FROM tenants t WHERE t.crm = 'hubspot' AND t.external_id = $1`,
      [portalId, hubspotUserId],
    );
    const row = rows[0];
    return (
      row && {
        tenantId: row.id,
        status: row.status,
        user: row.user ? toUser(row.user) : undefined,
        uiDomain: row.ui_domain,
      }
    );
  },
});
export type HubspotPortalsRepository = ReturnType<typeof hubspotPortalsRepository>;
