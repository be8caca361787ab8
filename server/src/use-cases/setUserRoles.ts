import { z } from 'zod';
import { userRoleSchema, type User, type UserRole } from '@entente/shared/domain';
import { CommonErrors, DomainError } from '@entente/shared/errors';
import { canManageRoles, normaliseRoles, sameRoles } from '@entente/shared/governance';
import type { Store } from '../store/store.js';

export type RolesDeps = { store: Store; now: () => Date };

export type SetUserRolesInput = {
  tenantId: string;
  /** The person making the change (an admin token names them with `actingUserId`). */
  actorUserId: string;
  userId: string;
  /** The roles the user has afterwards: all of them, not a difference. */
  roles: readonly UserRole[];
};

export type SetUserRolesResult = {
  user: User;
  previousRoles: UserRole[];
  /** False when the user already had exactly these roles: nothing was stored or audited. */
  changed: boolean;
};

/** A user always has at least one role; there is no implied default. */
const rolesSchema = z.array(userRoleSchema).min(1, 'A user always has at least one role');

const adminOnly = (actorUserId: string) =>
  new DomainError('ROLES.ADMIN_ONLY', `Only an active admin may change roles; ${actorUserId} is not one`);

const lastAdmin = (user: User) =>
  new DomainError(
    'ROLES.LAST_ADMIN',
    `${user.name} is the last active admin of this tenant; make someone else an admin first`,
    { details: { userId: user.id } },
  );

/**
 * An admin sets the roles a user has in Entente (`seller`, `sales_manager`, `partner_manager`,
 * `deal_desk`, `admin`). Roles are Entente's own: the CRM brings users in as sellers and a re-sync
 * keeps what was granted here (`sync/applyCrmEntities.ts`). Only an active admin may change roles,
 * the tenant always keeps an active admin, and every change is audited (`user.roles_changed`) in
 * the transaction that makes it. The tenant's active admins are locked first, so the actor cannot
 * lose the role meanwhile and two concurrent demotions cannot both pass the last-admin check.
 */
export const setUserRoles = async (
  deps: RolesDeps,
  input: SetUserRolesInput,
): Promise<SetUserRolesResult> => {
  const parsed = rolesSchema.safeParse(input.roles);
  if (!parsed.success) throw CommonErrors.invalidInput('roles', parsed.error.issues);
  const roles = normaliseRoles(parsed.data);
  const now = deps.now();
  return deps.store.inTransaction(input.tenantId, async (tx) => {
    const admins = await tx.users.lockActiveAdmins();
    // The actor's row is among the locked ones when they are an admin, so the check holds to commit.
    const actor = admins.includes(input.actorUserId) ? await tx.users.get(input.actorUserId) : undefined;
    if (!actor || !canManageRoles(actor)) throw adminOnly(input.actorUserId);
    const user = await tx.users.getForUpdate(input.userId);
    if (!user) throw CommonErrors.notFound(`User ${input.userId}`);
    const previousRoles = user.roles;
    if (sameRoles(previousRoles, roles)) return { user, previousRoles, changed: false };
    const losesAdmin = admins.includes(user.id) && !roles.includes('admin');
    if (losesAdmin && admins.every((id) => id === user.id)) throw lastAdmin(user);
    await tx.users.setRoles(user.id, roles);
    await tx.governance.appendAudit({
      type: 'user.roles_changed',
      actor: actor.id,
      subject: `user:${user.id}`,
      payload: { userId: user.id, from: previousRoles, to: roles },
      at: now,
    });
    return { user: { ...user, roles }, previousRoles, changed: true };
  });
};
