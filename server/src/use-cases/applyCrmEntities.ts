import type { CrmEntity } from '../crm/crmPort.js';
import type { TenantStore } from '../store/store.js';

/**
 * Writes CRM records into the store. Upserts by id derived from the CRM id, so applying a record
 * twice changes nothing. What Entente itself decides (user roles, deal splits) is kept.
 */
export const applyCrmEntities = async (store: TenantStore, entities: readonly CrmEntity[]): Promise<void> => {
  for (const entity of entities) {
    switch (entity.kind) {
      case 'owners': {
        const existing = await store.users.get(entity.user.id);
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
      case 'deals': {
        const existing = await store.deals.get(entity.deal.id);
        await store.deals.upsert(existing ? { ...entity.deal, splits: existing.splits } : entity.deal);
        await store.contacts.setDealContacts(entity.deal.id, entity.contactIds);
        break;
      }
    }
  }
};
