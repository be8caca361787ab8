import { DomainError } from '@entente/shared/errors';
import type { TenantStore } from '../../store/store.js';

/**
 * Who is changing the partner list: the user a request acts for, and whether that is an admin key
 * acting as its own user (a CRM surface's or an operator's token, which may have no user row).
 */
export type PartnerActor = { userId: string; adminKey: boolean };

export const partnersForbidden = (message: string) => new DomainError('PARTNERS.FORBIDDEN', message);

/**
 * Adding and editing partners and handing out their keys is for admins and partner managers: an
 * admin key acting as itself, or an active user of the tenant with the `admin` or
 * `partner_manager` role (an admin key acting for someone is judged by that someone's roles).
 */
export const requirePartnerManager = async (tenant: TenantStore, actor: PartnerActor): Promise<void> => {
  if (actor.adminKey) return;
  const user = await tenant.users.get(actor.userId);
  if (!user || !user.active)
    throw partnersForbidden(`User ${actor.userId} is not an active user of this tenant`);
  if (!user.roles.some((role) => role === 'admin' || role === 'partner_manager'))
    throw partnersForbidden(`Only admins and partner managers manage partners; ${user.name} is neither`);
};
