import { userRoleSchema, type User, type UserRole } from '../domain/index.js';

/**
 * Who may adjudicate registrations at all: active partner managers, deal desk and admins.
 * Neutrality is checked on top, per registration, because a role never outweighs a stake.
 */
export const canAdjudicate = (user: Pick<User, 'active' | 'roles'>): boolean =>
  user.active &&
  user.roles.some((role) => role === 'partner_manager' || role === 'deal_desk' || role === 'admin');

/** Who may grant and revoke roles: active admins (roles are Entente's, never the CRM's). */
export const canManageRoles = (user: Pick<User, 'active' | 'roles'>): boolean =>
  user.active && user.roles.includes('admin');

/** A set of roles as Entente stores it: each role once, in the schema's order. */
export const normaliseRoles = (roles: readonly UserRole[]): UserRole[] =>
  userRoleSchema.options.filter((role) => roles.includes(role));

/** Whether two role lists grant the same roles, whatever their order or repeats. */
export const sameRoles = (a: readonly UserRole[], b: readonly UserRole[]): boolean =>
  normaliseRoles(a).join() === normaliseRoles(b).join();
