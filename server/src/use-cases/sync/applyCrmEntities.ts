import type { Deal } from '@entente/shared/domain';
import type { CrmEntity } from '../../crm/crmPort.js';
import { followCrmRenewals } from '../attribution/renewalLinks.js';
import { followCrmDeals } from '../governance/dealLinks.js';
import { requestCrmOutcomes } from '../partnerValue/crmOutcomeRequests.js';
import type { TenantStore } from '../../store/store.js';

/**
 * Writes CRM records into the store. Upserts by id derived from the CRM id, so applying a record
 * twice changes nothing. What Entente itself decides (user roles, deal splits) is kept. A new deal
 * is linked to the approved registration waiting for it, and a deal that closes settles its
 * registrations (governance/dealLinks.ts). A deal the CRM marks a renewal is linked to its
 * original (attribution/renewalLinks.ts), and the outcomes its mapped properties record are queued
 * for the partners credited on it. `now` stamps those audit entries: callers that run on
 * the service clock pass it; the backfill, which has none, stamps with the wall clock.
 */
export const applyCrmEntities = async (
  store: TenantStore,
  entities: readonly CrmEntity[],
  now: Date = new Date(),
  /** Records read whole from the CRM are in sync as of then (inbound changes set their own version). */
  seen?: { source: 'backfill' | 'reconciliation'; at: Date },
): Promise<void> => {
  const arrived: Deal[] = [];
  const closed: Deal[] = [];
  for (const entity of entities) {
    switch (entity.kind) {
      case 'owners': {
        const existing = await store.users.get(entity.user.id);
        // The same CRM user may already be here under another id: the installer, recorded from the
        // install's token before their owner record arrived. One person, one user: merge, keeping
        // every role either record was given.
        const twin = await store.users.findByCrmUserId(entity.user.crmUserId);
        if (twin && twin.id !== entity.user.id) {
          const kept = existing ?? entity.user;
          await store.users.mergeInto(twin.id, {
            ...entity.user,
            roles: [...new Set([...kept.roles, ...twin.roles])],
            managerId: existing?.managerId ?? twin.managerId,
          });
          break;
        }
        await store.users.upsert(
          existing ? { ...entity.user, roles: existing.roles, managerId: existing.managerId } : entity.user,
        );
        break;
      }
      case 'companies':
        await store.accounts.upsert(entity.account);
        break;
      case 'contacts':
        await store.contacts.upsert(entity.contact);
        break;
      case 'deals':
        break;
    }
  }
  // Deals go in set-wise: a backfill page is 100 of them, and four statements beat four hundred.
  const deals = [
    ...new Map(entities.flatMap((e) => (e.kind === 'deals' ? [[e.deal.id, e] as const] : []))).values(),
  ];
  if (deals.length > 0) {
    const existing = await store.deals.getMany(deals.map((e) => e.deal.id));
    await store.deals.upsertManyKeepingSplits(deals.map((e) => e.deal));
    await store.contacts.setManyDealContacts(
      deals.map((e) => ({ dealId: e.deal.id, contactIds: e.contactIds })),
    );
    for (const { deal } of deals) {
      const before = existing.get(deal.id);
      if (!before) arrived.push(deal);
      else if (deal.stageCategory !== 'open' && deal.stageCategory !== before.stageCategory)
        closed.push(deal);
    }
    await followCrmRenewals(store, deals, existing, now);
    await requestCrmOutcomes(store, deals, now);
  }
  if (seen) {
    const crmIds = (kind: 'deals' | 'companies' | 'contacts') =>
      entities.flatMap((e) =>
        e.kind !== kind
          ? []
          : [e.kind === 'deals' ? e.deal.crmId : e.kind === 'companies' ? e.account.crmId : e.contact.crmId],
      );
    for (const kind of ['deals', 'companies', 'contacts'] as const)
      await store.crmSync.markSeen(kind, crmIds(kind), seen.source, seen.at);
  }
  if (arrived.length > 0 || closed.length > 0) await followCrmDeals(store, { arrived, closed }, now);
};
