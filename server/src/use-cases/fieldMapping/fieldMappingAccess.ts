import type { Tenant, User } from '@entente/shared/domain';
import { CommonErrors, DomainError } from '@entente/shared/errors';
import type { AppContext } from '../../appContext.js';
import { crmPortFor } from '../../crm/connectors.js';
import type { CrmPort } from '../../crm/crmPort.js';

/** Who may change or preview the field mapping: active admins (a role Entente grants). */
export const isMappingAdmin = (user: Pick<User, 'active' | 'roles'> | undefined): boolean =>
  user !== undefined && user.active && user.roles.includes('admin');

export const mappingAdminOnly = (userId: string) =>
  new DomainError(
    'CRM.ADMIN_ONLY',
    `Only an active Entente admin may change the CRM field mapping; ${userId} is not one`,
  );

/** The tenant and its CRM port, for a change an admin is making. */
export const mappingContext = async (
  ctx: AppContext,
  tenantId: string,
  actorUserId: string,
): Promise<{ tenant: Tenant; actor: User; port: CrmPort }> => {
  const tenant = await ctx.store.tenants.get(tenantId);
  if (!tenant) throw CommonErrors.notFound(`Tenant ${tenantId}`);
  const actor = await ctx.store.forTenant(tenantId).users.get(actorUserId);
  if (!actor || !isMappingAdmin(actor)) throw mappingAdminOnly(actorUserId);
  return { tenant, actor, port: crmPortFor(ctx, tenant) };
};
