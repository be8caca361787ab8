import type { User } from '@entente/shared/domain';
import { canAdjudicate, pickNeutralApprover, type Stake } from '@entente/shared/governance';
import type { TenantStore } from '../../store/store.js';

/** Escalations go to the deal desk first, then admins. */
const escalationRank = (user: User) =>
  user.roles.includes('deal_desk') ? 0 : user.roles.includes('admin') ? 1 : 2;

/**
 * The neutral adjudicator with the lightest open-review load. On escalation, only the deal desk and
 * admins are candidates and the current assignee is skipped. Null when nobody neutral is left.
 */
export const assignApprover = async (
  scoped: TenantStore,
  stakes: readonly Stake[],
  { escalate = false, exclude = [] }: { escalate?: boolean; exclude?: readonly string[] } = {},
): Promise<string | null> => {
  const users = (await scoped.users.list()).filter(canAdjudicate);
  const load = await scoped.governance.openReviewLoad();
  const pool = escalate
    ? users.filter((u) => escalationRank(u) < 2)
    : users.filter((u) => u.roles.includes('partner_manager') || u.roles.includes('deal_desk'));
  const rank = new Map(pool.map((u) => [u.id, escalate ? escalationRank(u) : 0]));
  const candidates = pool.map((u) => ({
    userId: u.id,
    openReviews: (rank.get(u.id) ?? 0) * 1_000_000 + (load.get(u.id) ?? 0),
  }));
  return pickNeutralApprover(candidates, stakes, exclude)?.userId ?? null;
};
