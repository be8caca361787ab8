import type { User } from '../domain/index.js';

/**
 * Who may adjudicate registrations at all: active partner managers, deal desk and admins.
 * Neutrality is checked on top, per registration, because a role never outweighs a stake.
 */
export const canAdjudicate = (user: Pick<User, 'active' | 'roles'>): boolean =>
  user.active &&
  user.roles.some((role) => role === 'partner_manager' || role === 'deal_desk' || role === 'admin');
