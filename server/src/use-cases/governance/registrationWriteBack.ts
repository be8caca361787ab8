import { accountPartnerField, dealRegistrationFields } from '@entente/shared/governance';
import type { Registration } from '@entente/shared/domain';
import type { TenantStore } from '../../store/store.js';
import { requestWriteBack } from '../sync/writeBack.js';

/**
 * Queues what the CRM should show after a registration changed: on its deal, the registration
 * that holds the deal (status, partner, role, protection until); on its company, the partners with
 * a live claim. Deals it left (a relink) are refreshed too. Runs in the caller's transaction, so
 * the outbox entry commits with the change; the outbox coalesces repeated requests per record.
 */
export const queueRegistrationWriteBack = async (
  tx: TenantStore,
  registration: Pick<Registration, 'dealId' | 'accountId'>,
  now: Date,
  alsoDealIds: readonly (string | null)[] = [],
): Promise<void> => {
  const dealIds = [...new Set([registration.dealId, ...alsoDealIds])].filter((id): id is string => !!id);
  if (dealIds.length === 0 && !registration.accountId) return;
  const names = new Map((await tx.partners.list()).map((p) => [p.id, p.name]));
  const nameOf = (partnerId: string) => names.get(partnerId) ?? partnerId;
  for (const dealId of dealIds) {
    const deal = await tx.deals.get(dealId);
    if (!deal) continue;
    const fields = dealRegistrationFields(await tx.registrations.listByDeal(dealId), nameOf);
    await requestWriteBack(tx, 'deals', deal.crmId, fields, now);
  }
  const account = registration.accountId ? await tx.accounts.get(registration.accountId) : undefined;
  if (account) {
    const partner = accountPartnerField(await tx.registrations.listByAccount(account.id), nameOf);
    await requestWriteBack(tx, 'companies', account.crmId, { partner }, now);
  }
};
