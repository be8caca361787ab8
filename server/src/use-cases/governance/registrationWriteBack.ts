import { accountPartnerField, dealRegistrationFields } from '@entente/shared/governance';
import type { Registration } from '@entente/shared/domain';
import type { TenantStore } from '../../store/store.js';
import { requestWriteBack } from '../sync/writeBack.js';

/**
 * Queues what the CRM should show on these deals and companies: on a deal, the registration that
 * holds it (status, partner, role, protection until); on a company, the partners with a live
 * claim. Runs in the caller's transaction, so the outbox entries commit with the change; the
 * outbox coalesces repeated requests per record.
 */
export const queueRecordsWriteBack = async (
  tx: TenantStore,
  records: { dealIds: Iterable<string | null>; accountIds: Iterable<string | null> },
  now: Date,
): Promise<void> => {
  const dealIds = [...new Set(records.dealIds)].filter((id): id is string => !!id);
  const accountIds = [...new Set(records.accountIds)].filter((id): id is string => !!id);
  if (dealIds.length === 0 && accountIds.length === 0) return;
  const names = new Map((await tx.partners.list()).map((p) => [p.id, p.name]));
  const nameOf = (partnerId: string) => names.get(partnerId) ?? partnerId;
  const deals = await tx.deals.getMany(dealIds);
  for (const dealId of dealIds) {
    const deal = deals.get(dealId);
    if (!deal) continue;
    const fields = dealRegistrationFields(await tx.registrations.listByDeal(dealId), nameOf);
    await requestWriteBack(tx, 'deals', deal.crmId, fields, now);
  }
  const accounts = await tx.accounts.getMany(accountIds);
  for (const accountId of accountIds) {
    const account = accounts.get(accountId);
    if (!account) continue;
    const partner = accountPartnerField(await tx.registrations.listByAccount(accountId), nameOf);
    await requestWriteBack(tx, 'companies', account.crmId, { partner }, now);
  }
};

/** After a registration changed: its deal and company, and any deals it left (a relink). */
export const queueRegistrationWriteBack = (
  tx: TenantStore,
  registration: Pick<Registration, 'dealId' | 'accountId'>,
  now: Date,
  alsoDealIds: readonly (string | null)[] = [],
): Promise<void> =>
  queueRecordsWriteBack(
    tx,
    { dealIds: [registration.dealId, ...alsoDealIds], accountIds: [registration.accountId] },
    now,
  );

/**
 * Every record a registration touches gets its Entente fields again: after registrations were
 * loaded in bulk, or when the CRM lost what was written (a portal restored from a backup, the
 * sandbox's in-memory portal after a restart).
 */
export const queueAllRegistrationFields = async (tx: TenantStore, now: Date): Promise<void> => {
  const dealIds: string[] = [];
  const accountIds: string[] = [];
  for (let after = ''; ;) {
    const page = await tx.registrations.list({ after, limit: 1000 });
    if (page.length === 0) break;
    for (const r of page) {
      dealIds.push(r.dealId ?? '');
      accountIds.push(r.accountId ?? '');
    }
    after = page.at(-1)!.id;
  }
  await queueRecordsWriteBack(tx, { dealIds, accountIds }, now);
};
